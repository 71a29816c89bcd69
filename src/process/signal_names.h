// Signal names as people write them: TERM, SIGTERM, sigterm, 15, RTMIN+3,
// SIGRTMAX-1. Used by --rewrite, --pdeathsig and tini's -p.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace unroot {

/// The signal number `text` names, or an Error naming it. Numbers must be a
/// valid signal (1..SIGRTMAX).
Result<int> parse_signal(std::string_view text);

/// "SIGTERM", "SIGRTMIN+3": the name for messages.
std::string signal_name(int signal);

/// True for the signals a PID 1 passes on to its child: every catchable
/// signal except SIGCHLD and the synchronous faults (SEGV BUS FPE ILL TRAP
/// ABRT SYS), which concern init itself.
bool is_forwarded_signal(int signal);

}  // namespace unroot
