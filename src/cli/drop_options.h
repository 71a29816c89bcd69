// The drop options `unroot exec` and `unroot init` share: --keep-cap,
// --allow-escalation, --allow GROUP and --write PATH (UNROOT_ALLOW and
// UNROOT_WRITE add to them), --write-strict, --quiet, and the remap options --uid, --gid,
// --uid-from, --chown-path with their environment overrides UNROOT_UID /
// UNROOT_GID (PUID / PGID accepted as aliases), which win over the options as
// UNROOT_USER wins over SPEC: the operator's word at run time.
#pragma once

#include <getopt.h>

#include <optional>
#include <vector>

#include "base/result.h"
#include "launch/become_user.h"

namespace unroot::cli {

/// getopt_long values of the shared options; above any verb's own.
enum DropOptionId {
  kKeepCap = 200,
  kAllowEscalation,
  kQuiet,
  kRemapUid,
  kRemapGid,
  kRemapUidFrom,
  kRemapChownPath,
  kAllowGroup,
  kWrite,
  kWriteStrict
};

/// Appends the shared options to a verb's option table (before its terminator).
void append_drop_options(std::vector<option>& options);

/// Usage lines for the shared options.
extern const char* const kDropUsage;

/// What the shared options set.
struct DropOptions {
  BecomeUserRequest request;
  bool quiet = false;
};

/// Applies option `id` with `arg`: std::nullopt when `id` is not a shared
/// option, else whether its value was valid.
std::optional<Status> apply_drop_option(int id, const char* arg, DropOptions& options);

/// Applies the environment's remap overrides.
Status apply_remap_environment(RemapRequest& request);

/// Adds the groups UNROOT_ALLOW names (comma-separated) to the request's, and
/// the paths UNROOT_WRITE names (colon-separated) to its writable ones: the
/// operator may open more at run time, never less than the image does.
Status apply_hardening_environment(BecomeUserRequest& request);

}  // namespace unroot::cli
