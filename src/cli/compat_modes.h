// The command lines of gosu and su-exec, spoken when the binary is invoked
// under those names, so their users switch by renaming. Their own errors exit 1.
#pragma once

namespace unroot::cli {

/// `gosu user-spec command [args]`, `gosu --help`, `gosu --version`.
int run_gosu(int argc, char** argv);

/// `su-exec user-spec command [args]`.
int run_su_exec(int argc, char** argv);

}  // namespace unroot::cli
