// prepare_user: the build-time half of constant-time remapping. Everything
// USER owns under the given paths (default "/"), on each path's file system,
// becomes group-owned by USER's primary group with group permission bits
// equal to the owner's (g=u), never following a symbolic link; then the
// record says USER is prepared with its current ids. At start, a remap of a
// prepared user keeps the old primary group and so touches no file.
#pragma once

#include <string>
#include <vector>

#include "base/reporter.h"
#include "base/result.h"
#include "identity/account_db.h"

namespace unroot {

/// What `unroot prepare` was asked.
struct PrepareRequest {
  std::string user;                ///< a name or uid with a passwd entry, not root
  std::vector<std::string> paths;  ///< empty: "/"
  std::string prepared_path;
};

/// Prepares the user; one summary notice. Errors have status 125.
Status prepare_user(const PrepareRequest& request, const AccountDb& db, Reporter& reporter);

}  // namespace unroot
