// drop_privileges: the irrevocable change of a process to an unprivileged
// identity, in named steps, verified by reading everything back.
//
// Steps, in order:
//   1. check   — every capability the change needs is there (CAP_SETUID,
//                CAP_SETGID, the kept ones); nothing has changed yet if not.
//   2. bound   — drop every capability not kept from the bounding set, so no
//                later exec can regain it (needs CAP_SETPCAP; skipped without).
//   3. nnp     — set no_new_privs: setuid bits and file capabilities stop working.
//   4. filter  — load unroot's seccomp filter (syscall_filter.h): the TTY
//                guard and the kernel-surface groups not allowed; possible
//                under no_new_privs.
//   5. ids     — setgroups, setresgid, setresuid (only when they differ).
//   6. caps    — permitted = effective = inheritable = ambient = the kept set
//                (an unprivileged target); root keeps what root has.
//   7. verify  — read ids, groups, capability sets, bounding set and
//                no_new_privs back; ask the filter which groups it refuses;
//                check that setuid(0) fails.
// `allow_escalation` skips steps 2 and 3, and loads the TTY guard alone in
// step 4 (nothing without CAP_SYS_ADMIN).
#pragma once

#include <optional>

#include "base/reporter.h"
#include "base/result.h"
#include "identity/user_spec.h"
#include "privilege/capability_set.h"
#include "privilege/syscall_filter.h"

namespace unroot {

/// What the process should become. No `target` keeps the current identity and
/// only hardens (the process was started unprivileged already).
struct DropPlan {
  std::optional<Identity> target;
  CapabilitySet keep;
  bool allow_escalation = false;
  /// Kernel-surface groups the filter lets through (`--allow`).
  SyscallGroupSet allow_groups;
};

/// What the drop did, as read back in step 7.
struct DropOutcome {
  bool bounding_cleared = false;
  /// Whether unroot's filter is in force.
  bool filter = false;
};

/// Step 1 alone, changing nothing: whether drop_privileges(plan) would pass
/// its check now. For callers that must know before they change files.
Status check_drop(const DropPlan& plan);

/// Performs the steps above on the calling process (which must be single
/// threaded). On an Error from step 1 nothing has changed; from a later step
/// the process is in an unknown state and must not run anything.
/// Notices (a kept capability that is unavailable, a skipped filter) go to `reporter`.
Result<DropOutcome> drop_privileges(const DropPlan& plan, Reporter& reporter);

}  // namespace unroot
