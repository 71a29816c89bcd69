// prepare_user: the build-time half of constant-time remapping. Everything
// USER owns under the given paths (default "/"), on each path's mount,
// becomes group-owned by USER's primary group with group permission bits
// equal to the owner's (g=u), never following a symbolic link; then the
// record says USER is prepared with its current ids. At start, a remap of a
// prepared user keeps that group and so touches no file.
//
// For arbitrary uids (OpenShift, Kubernetes runAsUser with runAsGroup 0) the
// files go to group 0 instead, the convention those platforms start every
// process in, and /etc/passwd becomes writable by group 0 so that the start
// can add the uid's entry: one image serves both, a remap keeping group 0.
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
  bool arbitrary_uids = false;  ///< group 0 instead of USER's primary group
};

/// Prepares the user; one summary notice. Errors have status 125.
Status prepare_user(const PrepareRequest& request, const AccountDb& db, Reporter& reporter);

}  // namespace unroot
