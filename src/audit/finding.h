// Finding: one verdict of `unroot check` — a stable id, a status, a one-line
// summary, the evidence it rests on and a one-line remedy — and how a list of
// them becomes the overall verdict and the exit status.
#pragma once

#include <string>
#include <vector>

namespace unroot {

/// kSkip: the check did not run (--no-scan); it neither passes nor fails.
enum class FindingStatus { kPass, kSkip, kWarn, kFail };

struct Finding {
  std::string id;
  FindingStatus status = FindingStatus::kPass;
  std::string summary;
  std::string evidence;
  std::string remedy;
};

/// "pass", "skip", "warn", "fail".
const char* status_name(FindingStatus status);

/// The worst status among `findings` (kPass when none is worse; skips do not count).
FindingStatus overall_status(const std::vector<Finding>& findings);

/// 2 on any fail; 1 on a warn when `strict`; else 0.
int check_exit_status(const std::vector<Finding>& findings, bool strict);

}  // namespace unroot
