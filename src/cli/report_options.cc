#include "cli/report_options.h"

#include <algorithm>

namespace unroot::cli {

bool valid_format(const std::string& format) {
  return format == "text" || format == "json" || format == "sarif";
}

bool parse_fail_on(const std::string& value, std::optional<lint::Severity>& threshold) {
  if (value == "none") {
    threshold.reset();
  } else if (value == "info") {
    threshold = lint::Severity::kInfo;
  } else if (value == "warning") {
    threshold = lint::Severity::kWarning;
  } else if (value == "error") {
    threshold = lint::Severity::kError;
  } else {
    return false;
  }
  return true;
}

int findings_exit_status(const std::vector<lint::Severity>& severities,
                         std::optional<lint::Severity> threshold) {
  if (!threshold) return 0;
  return std::any_of(severities.begin(), severities.end(),
                     [&](lint::Severity s) { return s >= *threshold; })
             ? 1
             : 0;
}

}  // namespace unroot::cli
