// The options lint and audit share: --format text|json|sarif and --fail-on
// error|warning|info|none, and the exit status that follows from them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lint/rules.h"

namespace unroot::cli {

/// Whether `format` is text, json or sarif.
bool valid_format(const std::string& format);

/// Sets `threshold` to what --fail-on VALUE names (nullopt for "none");
/// false, leaving it, for a value that is not a level.
bool parse_fail_on(const std::string& value, std::optional<lint::Severity>& threshold);

/// 1 when a severity reaches `threshold`, else 0.
int findings_exit_status(const std::vector<lint::Severity>& severities,
                         std::optional<lint::Severity> threshold);

}  // namespace unroot::cli
