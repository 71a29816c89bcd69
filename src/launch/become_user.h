// become_user: everything between "run CMD as SPEC" and the exec itself —
// resolve SPEC, prepare the write fence if asked, remap its ids if asked,
// drop, fix up the environment (HOME: the target's, or usable_home's private
// one when the target cannot write it; UNROOT_USER removed), and last raise
// the write fence. Shared by the `exec` verb and the
// gosu / su-exec command lines; main has refused a setuid installation before.
#pragma once

#include <string>

#include "base/reporter.h"
#include "base/result.h"
#include "ownership/remap.h"
#include "privilege/capability_set.h"
#include "privilege/drop.h"
#include "privilege/write_fence.h"

namespace unroot {

/// How SPEC is chosen and what a non-root start means.
struct BecomeUserRequest {
  std::string spec;
  CapabilitySet keep;
  bool allow_escalation = false;
  /// Kernel-surface groups the filter lets through (`--allow`, UNROOT_ALLOW).
  SyscallGroupSet allow_groups;
  /// Where the process may write (`--write`, UNROOT_WRITE); none: no fence.
  WriteFenceRequest writes;
  /// UNROOT_USER in the environment replaces `spec` and is removed from it
  /// (unroot's own verbs; gosu and su-exec leave the environment alone).
  bool honor_unroot_user = true;
  /// Started unprivileged: true keeps the identity and hardens (unroot); false
  /// fails as gosu and su-exec do, since they cannot switch.
  bool keep_identity_when_unprivileged = true;
  /// Remap the user's ids first (started as root only).
  RemapRequest remap;
  std::string passwd_path = "/etc/passwd";
  std::string group_path = "/etc/group";
};

/// Performs the steps; on success the process is the target (or, started
/// unprivileged, hardened as itself) and ready to exec. Errors have status 125.
Result<DropOutcome> become_user(const BecomeUserRequest& request, Reporter& reporter);

}  // namespace unroot
