// adopt_arbitrary_uid: the OpenShift case. The engine started the container
// as a uid U that the image's /etc/passwd does not know (arbitrary uids, group
// 0). No remap is possible; instead, when U may write /etc/passwd (the
// image made it group-writable for group 0), an entry for the SPEC's user with
// uid U is appended, so that whoami, ssh and git work. Never an error.
#pragma once

#include <string>

#include "base/reporter.h"
#include "identity/account_db.h"
#include "identity/user_spec.h"

namespace unroot {

/// For a caller (uid, gid) without a passwd entry, running for `spec_user` (a
/// named user of `db`): appends the entry, with `home` as its home, if it can.
void adopt_arbitrary_uid(const AccountDb& db, const Identity& spec_user, Caller caller,
                         const std::string& home, Reporter& reporter);

}  // namespace unroot
