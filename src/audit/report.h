// Rendering of `unroot check` findings: one line per finding and a verdict
// line for people, or one JSON document for programs (schema in README.md).
#pragma once

#include <string>
#include <vector>

#include "audit/finding.h"

namespace unroot {

/// One line per finding, `STATUS  id: summary`, with ` [evidence] -> remedy`
/// for a warn or fail, then `verdict: STATUS`. `color` paints the statuses.
std::string render_findings_text(const std::vector<Finding>& findings, bool color);

/// {"verdict": "...", "findings": [{"id","status","summary","evidence","remedy"}, ...]}
std::string render_findings_json(const std::vector<Finding>& findings);

}  // namespace unroot
