// `unroot init [OPTIONS] [--] CMD [ARG...]`: PID 1 duties, dropped.
#pragma once

namespace unroot::cli {

/// Runs the init verb; argv[0] is "init". Returns init's exit status: CMD's,
/// or 125 for a usage or start-up error (nothing started).
int run_init_verb(int argc, char** argv);

}  // namespace unroot::cli
