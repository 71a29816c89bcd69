// `unroot check [--json] [--strict] [--as SPEC [DROP OPTIONS]] [--no-scan]`
#pragma once

namespace unroot::cli {

/// Runs the check verb; argv[0] is "check". Returns 0 (no fail; with --strict
/// no warn either), 1 (a warn under --strict), 2 (a fail) or 125 (usage or
/// an unreadable /proc).
int run_check_verb(int argc, char** argv);

}  // namespace unroot::cli
