// remap_user: give the app user the uid/gid of the person or volume it works
// for, at start, as root, before the drop.
//
// Two ways. A prepared image (`unroot prepare`, see prepare.h) touches no
// file: the process gets the new ids plus the old primary gid as a
// supplementary group, which owns everything the user had. Otherwise every
// file of the old uid/gid under the user's home and the chown paths is
// changed first, and only then the account files, so an interrupted start is
// finished by the next one. Never remaps to uid or gid 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/reporter.h"
#include "base/result.h"
#include "identity/account_db.h"
#include "identity/user_spec.h"
#include "ownership/prepared_registry.h"

namespace unroot {

/// What was asked: explicit ids and/or a path whose owner gives them.
struct RemapRequest {
  std::optional<uint32_t> uid;
  std::optional<uint32_t> gid;
  std::string uid_from;                  ///< empty: none
  std::vector<std::string> chown_paths;  ///< besides the user's home (chown mode)
  std::string prepared_path = kPreparedPath;

  bool asked() const { return uid || gid || !uid_from.empty(); }
};

/// Remaps `target` (resolved from `db`, whose paths are rewritten) as asked
/// and returns the identity to drop to. Errors (status 125) leave every file
/// as it was.
Result<Identity> remap_user(const RemapRequest& request, const Identity& target,
                            const AccountDb& db, Reporter& reporter);

}  // namespace unroot
