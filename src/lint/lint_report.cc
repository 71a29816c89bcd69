#include "lint/lint_report.h"

#include <algorithm>

#include "report/sarif.h"

namespace unroot::lint {
const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::string render_lint_text(const std::vector<FileFindings>& files) {
  std::string out;
  for (const FileFindings& file : files) {
    for (const LintFinding& f : file.findings) {
      out += file.file + ":" + std::to_string(f.position.line) + ":" +
             std::to_string(f.position.column) + " " + f.rule + " " + severity_name(f.severity) +
             " " + f.message + " (fix: " + f.remedy + ")\n";
    }
  }
  return out;
}

std::string render_lint_json(const std::vector<FileFindings>& files) {
  using report::Json;
  Json findings = Json::array();
  for (const FileFindings& file : files) {
    for (const LintFinding& f : file.findings) {
      findings.push_back({{"file", file.file},
                          {"line", f.position.line},
                          {"column", f.position.column},
                          {"rule", f.rule},
                          {"severity", severity_name(f.severity)},
                          {"message", f.message},
                          {"remedy", f.remedy}});
    }
  }
  return report::dump(Json{{"findings", std::move(findings)}});
}

std::string render_lint_sarif(const std::vector<FileFindings>& files, const std::string& version) {
  std::vector<report::SarifRule> rules;
  for (const RuleInfo& rule : rule_catalog()) {
    rules.push_back({std::string(rule.id), std::string(rule.name), sarif_level(rule.severity),
                     std::string(rule.title), std::string(rule.help), std::string(rule.remedy)});
  }
  std::vector<report::SarifResult> results;
  for (const FileFindings& file : files) {
    for (const LintFinding& f : file.findings) {
      results.push_back({f.rule, sarif_level(f.severity), f.message + " (fix: " + f.remedy + ")",
                         report::artifact_uri(file.file), "", std::max(f.position.line, 1),
                         f.position.column});
    }
  }
  return report::render_sarif(rules, results, version);
}

}  // namespace unroot::lint
