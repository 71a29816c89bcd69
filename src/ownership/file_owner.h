// Changing one directory entry's owner the way remapping needs it: never
// through a symbolic link, and without losing setuid/setgid bits (chown
// clears them; an image's file modes are its author's, not ours to change).
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include "base/result.h"

namespace unroot {

/// Sets the owner of `name` in `dir_fd` (lstat `st`) to uid:gid, then puts back
/// any setuid/setgid bit the change cleared.
Status change_owner(int dir_fd, const char* name, const struct stat& st, uid_t uid, gid_t gid);

}  // namespace unroot
