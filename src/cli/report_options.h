// The options lint and audit share — --format text|json|sarif, --fail-on
// error|warning|info|none, --engine auto|docker|podman|none — applied as the
// drop options are (append to the verb's table, apply by id), the exit status
// that follows from them, and a finding's --explain text.
#pragma once

#include <getopt.h>

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "lint/engine.h"
#include "lint/rules.h"

namespace unroot::cli {

/// getopt_long values of the shared options; above any verb's own.
enum ReportOptionId { kFormat = 300, kFailOn, kEngine };

/// Appends the shared options to a verb's option table (before its terminator).
void append_report_options(std::vector<option>& options);

/// What the shared options set.
struct ReportOptions {
  std::string format = "text";
  std::optional<lint::Severity> threshold = lint::Severity::kError;  ///< nullopt: none
  lint::Engine engine = lint::Engine::kAuto;
};

/// Applies option `id` with `arg`: std::nullopt when `id` is not a shared
/// option, else whether its value was valid (the Error says why).
std::optional<Status> apply_report_option(int id, const char* arg, ReportOptions& options);

/// 1 when a severity reaches `threshold`, else 0.
int findings_exit_status(const std::vector<lint::Severity>& severities,
                         std::optional<lint::Severity> threshold);

/// What `unroot lint --explain` and `unroot audit --explain` print for `rule`.
std::string explain_text(const lint::RuleInfo& rule);

}  // namespace unroot::cli
