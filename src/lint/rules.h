// The lint rules UR001-UR012 over a BuildModel, their catalog (severity,
// title, remedy, documentation) and inline suppression
// (`# unroot-ignore: UR003 reason` on the line before an instruction).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/syntax.h"
#include "lint/build_model.h"

namespace unroot::lint {

enum class Severity { kInfo, kWarning, kError };

/// "info", "warning", "error".
const char* severity_name(Severity severity);

struct RuleInfo {
  std::string_view id;
  std::string_view name;  ///< readable identifier, e.g. "FinalStageRunsAsRoot"
  Severity severity;
  std::string_view title;
  std::string_view remedy;
  std::string_view help;  ///< the paragraph `unroot lint --explain ID` prints
};

/// Every rule, in id order.
const std::vector<RuleInfo>& rule_catalog();

/// The rule called `id` (case-insensitive), or nullptr.
const RuleInfo* find_rule(std::string_view id);

struct LintFinding {
  std::string rule;
  Severity severity = Severity::kWarning;
  dockerfile::Position position;
  std::string message;
  std::string remedy;
};

/// Findings in file order; suppressed ones and `ignored` rules are left out.
std::vector<LintFinding> run_rules(const dockerfile::Dockerfile& file, const BuildModel& model,
                                   const std::vector<std::string>& ignored);

}  // namespace unroot::lint
