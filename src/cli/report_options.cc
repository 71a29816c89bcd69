#include "cli/report_options.h"

#include <algorithm>

namespace unroot::cli {

bool valid_format(const std::string& format) {
  return format == "text" || format == "json" || format == "sarif";
}

std::optional<std::optional<lint::Severity>> parse_fail_on(const std::string& value) {
  if (value == "none") return std::optional<lint::Severity>();
  if (value == "info") return std::optional<lint::Severity>(lint::Severity::kInfo);
  if (value == "warning") return std::optional<lint::Severity>(lint::Severity::kWarning);
  if (value == "error") return std::optional<lint::Severity>(lint::Severity::kError);
  return std::nullopt;
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
