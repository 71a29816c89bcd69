// Option values shared by `unroot init` and the tini command line, parsed
// into a SupervisorConfig: exit codes to remap, signal rewrites.
#pragma once

#include <string_view>

#include "base/result.h"
#include "process/supervisor.h"

namespace unroot::cli {

/// `-e CODE`: CODE (0..255) is reported as 0.
Status add_remapped_exit(std::string_view code, SupervisorConfig& config);

/// `--rewrite FROM:TO`: signal FROM is passed on as TO (names or numbers).
Status add_rewrite(std::string_view rule, SupervisorConfig& config);

/// `--grace SECONDS`: whole seconds, 0..3600.
Status set_grace(std::string_view seconds, SupervisorConfig& config);

}  // namespace unroot::cli
