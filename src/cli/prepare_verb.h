// `unroot prepare USER [--path P]...`: the build-time step for constant-time remapping.
#pragma once

namespace unroot::cli {

/// Runs the prepare verb; argv[0] is "prepare". 0 on success, 125 on error.
int run_prepare_verb(int argc, char** argv);

}  // namespace unroot::cli
