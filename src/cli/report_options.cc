#include "cli/report_options.h"

#include <algorithm>

namespace unroot::cli {

void append_report_options(std::vector<option>& options) {
  options.insert(options.end() - 1, {{"format", required_argument, nullptr, kFormat},
                                     {"fail-on", required_argument, nullptr, kFailOn},
                                     {"engine", required_argument, nullptr, kEngine}});
}

std::optional<Status> apply_report_option(int id, const char* arg, ReportOptions& options) {
  std::string value = arg ? arg : "";
  switch (id) {
    case kFormat:
      if (value != "text" && value != "json" && value != "sarif") {
        return Status(Error{"--format " + value, "not a format", "use text, json or sarif"});
      }
      options.format = value;
      return Status(Ok{});
    case kFailOn:
      if (value == "none") {
        options.threshold.reset();
      } else if (value == "info") {
        options.threshold = lint::Severity::kInfo;
      } else if (value == "warning") {
        options.threshold = lint::Severity::kWarning;
      } else if (value == "error") {
        options.threshold = lint::Severity::kError;
      } else {
        return Status(
            Error{"--fail-on " + value, "not a severity", "use error, warning, info or none"});
      }
      return Status(Ok{});
    case kEngine: {
      auto engine = lint::parse_engine(value);
      if (!engine) return Status(engine.error());
      options.engine = *engine;
      return Status(Ok{});
    }
    default:
      return std::nullopt;
  }
}

int findings_exit_status(const std::vector<lint::Severity>& severities,
                         std::optional<lint::Severity> threshold) {
  if (!threshold) return 0;
  return std::any_of(severities.begin(), severities.end(),
                     [&](lint::Severity s) { return s >= *threshold; })
             ? 1
             : 0;
}

std::string explain_text(const lint::RuleInfo& rule) {
  return std::string(rule.id) + " (" + lint::severity_name(rule.severity) +
         "): " + std::string(rule.title) + "\n\n" + std::string(rule.help) +
         "\n\nFix: " + std::string(rule.remedy) + "\n";
}

}  // namespace unroot::cli
