// `unroot exec [--keep-cap NAME]... [--allow-escalation] [--quiet] SPEC [--] CMD [ARG...]`
#pragma once

namespace unroot::cli {

/// Runs the exec verb; argv[0] is "exec". Returns an exit status only when
/// CMD was not executed: 125 for unroot's errors, 126/127 for CMD's.
int run_exec_verb(int argc, char** argv);

}  // namespace unroot::cli
