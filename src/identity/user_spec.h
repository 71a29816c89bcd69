// resolve_user_spec: turns a SPEC as Docker's `--user` (and gosu) take it into
// the exact uid, gid, supplementary groups and HOME a process should get.
//
// Forms: `user`, `uid`, `user:group`, `uid:gid`, `user:gid`, `uid:group`,
// `user:` (same as `user`), `:group` (caller's uid), and "" (caller's uid).
// A numeric part is an id even when no entry has it; a name must exist.
// Without a group part: gid = the user's primary gid, groups = that gid plus
// every group that lists the user by name. With one: gid = groups = that group.
// HOME comes from the user's entry, or "/" for a uid without one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "identity/account_db.h"

namespace unroot {

/// The ids the process has now; the defaults for the parts a SPEC leaves out.
struct Caller {
  uint32_t uid = 0;
  uint32_t gid = 0;
};

/// A fully resolved identity, ready for setgroups/setresgid/setresuid.
/// `groups` holds no duplicates and always contains `gid`.
struct Identity {
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::vector<uint32_t> groups;
  std::string home;
  std::string user_name;  ///< empty for a uid without a passwd entry
};

/// Resolves `spec` against `db` for a process currently running as `caller`.
/// Errors name the SPEC and what was not found; they have status 125.
Result<Identity> resolve_user_spec(std::string_view spec, const AccountDb& db, Caller caller);

/// `uid:gid` followed by the group list, e.g. "10001:10001:10001,100"; for messages.
std::string describe_identity(const Identity& identity);

}  // namespace unroot
