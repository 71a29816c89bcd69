// Rendering of lint findings: text lines `FILE:LINE:COL ID severity message
// (fix: remedy)`, a JSON document (schema in README.md), or SARIF 2.1.0 with
// rule metadata and help, as GitHub code scanning takes it.
#pragma once

#include <string>
#include <vector>

#include "lint/rules.h"

namespace unroot::lint {

struct FileFindings {
  std::string file;
  std::vector<LintFinding> findings;
};

/// The SARIF level of `severity`: "note", "warning", "error".
const char* sarif_level(Severity severity);

std::string render_lint_text(const std::vector<FileFindings>& files);
std::string render_lint_json(const std::vector<FileFindings>& files);
std::string render_lint_sarif(const std::vector<FileFindings>& files, const std::string& version);

}  // namespace unroot::lint
