// The remap options `unroot exec` and `unroot init` share: --uid, --gid,
// --uid-from, --chown-path, and their environment overrides UNROOT_UID /
// UNROOT_GID (PUID / PGID accepted as aliases), which win over the options as
// UNROOT_USER wins over SPEC: the operator's word at run time.
#pragma once

#include <getopt.h>

#include <vector>

#include "base/result.h"
#include "ownership/remap.h"

namespace unroot::cli {

/// getopt_long values of the remap options; above any verb's own.
enum RemapOptionId { kRemapUid = 200, kRemapGid, kRemapUidFrom, kRemapChownPath };

/// Appends the remap options to a verb's option table (before its terminator).
void append_remap_options(std::vector<option>& options);

/// Usage lines for the remap options.
extern const char* const kRemapUsage;

/// Applies option `id` with `arg`; returns false when `id` is not a remap option.
bool apply_remap_option(int id, const char* arg, RemapRequest& request, Status* status);

/// Applies the environment's overrides.
Status apply_remap_environment(RemapRequest& request);

}  // namespace unroot::cli
