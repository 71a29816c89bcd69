#include "audit/finding.h"

namespace unroot {

const char* status_name(FindingStatus status) {
  switch (status) {
    case FindingStatus::kPass:
      return "pass";
    case FindingStatus::kSkip:
      return "skip";
    case FindingStatus::kWarn:
      return "warn";
    case FindingStatus::kFail:
      return "fail";
  }
  return "fail";
}

FindingStatus overall_status(const std::vector<Finding>& findings) {
  FindingStatus worst = FindingStatus::kPass;
  for (const Finding& finding : findings) {
    if (finding.status > worst) worst = finding.status;
  }
  return worst == FindingStatus::kSkip ? FindingStatus::kPass : worst;
}

int check_exit_status(const std::vector<Finding>& findings, bool strict) {
  FindingStatus worst = overall_status(findings);
  if (worst == FindingStatus::kFail) return 2;
  if (worst == FindingStatus::kWarn && strict) return 1;
  return 0;
}

}  // namespace unroot
