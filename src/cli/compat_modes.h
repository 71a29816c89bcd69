// The command lines of gosu, su-exec and tini, spoken when the binary is
// invoked under those names, so their users switch by renaming. Their own
// errors exit 1.
#pragma once

namespace unroot::cli {

/// `gosu user-spec command [args]`, `gosu --help`, `gosu --version`.
int run_gosu(int argc, char** argv);

/// `su-exec user-spec command [args]`.
int run_su_exec(int argc, char** argv);

/// `tini [-h] [-s] [-p SIG] [-v] [-w] [-g] [-e CODE] [-l] [--version] [--] CMD [ARGS]`,
/// with TINI_SUBREAPER and TINI_KILL_PROCESS_GROUP from the environment.
int run_tini(int argc, char** argv);

}  // namespace unroot::cli
