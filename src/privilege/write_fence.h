// write_fence: `--write PATH` through Landlock. The process and everything it
// executes may still read and execute everywhere, but write, create, remove,
// rename, link and truncate only beneath the declared paths and the few that
// every program writes to: /tmp, $TMPDIR, /dev/null, /dev/zero, /dev/full,
// /dev/tty, /dev/pts, /dev/shm, and whatever /dev/stdout and /dev/stderr are.
// HOME is not among them unless declared.
//
// Two steps, so that nothing fails late: prepare() opens every path and makes
// the ruleset before anything has changed (a declared path that does not
// exist stops the start there); enforce() restricts the calling thread at the
// very end, after the drop has set no_new_privs (which the kernel requires).
// A kernel without Landlock, or with an older ABI, gets what it has and one
// notice saying what is not enforced; with `strict`, that is an error instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/reporter.h"
#include "base/result.h"
#include "base/unique_fd.h"

namespace unroot {

struct WriteFenceRequest {
  /// Absolute paths (directories or files) the process may write beneath.
  std::vector<std::string> paths;
  /// Refuse to start unless the kernel enforces all of it.
  bool strict = false;
};

/// A prepared ruleset, or none when the kernel cannot enforce one.
class WriteFence {
 public:
  /// Opens the paths and makes the ruleset. Notices go to `reporter`.
  static Result<WriteFence> prepare(const WriteFenceRequest& request, Reporter& reporter);

  /// Restricts the calling thread and what it executes, for good. A fence
  /// prepared without Landlock does nothing.
  Status enforce();

  /// The Landlock ABI in use, 0 when none.
  int abi() const { return abi_; }

 private:
  int abi_ = 0;
  UniqueFd ruleset_;
};

/// The Landlock ABI this kernel offers to the calling process: 0 when it
/// has none (not built, not enabled, or refused by a seccomp filter).
int landlock_abi();

}  // namespace unroot
