// supervise: the life of a container's PID 1 (or of a child subreaper when
// not PID 1), top to bottom:
//   configure_signals — block every signal but the synchronous faults, so
//                       each arrives through sigtimedwait, never a handler;
//   spawn             — fork CMD into its own process group (the terminal's
//                       foreground group when stdin is a terminal) and exec;
//   wait_and_forward  — pass each forwarded signal on (rewritten if asked) to
//                       CMD or its group, and reap every child that exits;
//   finish            — when CMD has exited: optionally give the remaining
//                       processes SIGTERM and a grace period, then SIGKILL;
//   exit status       — CMD's, 128+N for death by signal N, remapped to 0 if asked.
#pragma once

#include <array>
#include <bitset>

#include "base/reporter.h"
#include "base/result.h"

namespace unroot {

/// How PID 1 treats its command and the signals it receives.
struct SupervisorConfig {
  char* const* argv = nullptr;  ///< CMD, null-terminated
  bool kill_group = false;      ///< forward to CMD's process group, not CMD alone
  /// rewrite[N] is the signal sent on when N arrives; 0 means N itself.
  std::array<int, 65> rewrite{};
  std::bitset<256> remap_to_zero;  ///< exit statuses reported as 0
  unsigned grace_seconds = 0;      ///< 0: exit as soon as CMD exits, as tini does
  int pdeathsig = 0;               ///< signal to receive when the parent dies; 0: none
  bool verbose = false;            ///< a notice per spawn, forwarded signal and exit
  bool warn_on_reap = false;       ///< a notice per reaped process that was not CMD
};

/// Runs CMD under supervision and returns the status init should exit with.
/// The calling process must be single threaded. An Error (status 125) means
/// CMD could not be started; a CMD that cannot be executed exits 126 or 127
/// and that is its status here.
Result<int> supervise(const SupervisorConfig& config, Reporter& reporter);

}  // namespace unroot
