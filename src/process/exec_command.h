// exec_command: replace the process with a command, searched in PATH.
//
// A name with a slash is executed as it is. Otherwise each PATH entry is tried
// in order ("/bin:/usr/bin" when PATH is unset, an empty entry meaning the
// current directory). Unlike execvp(3), a PATH directory the user cannot enter
// does not turn "not found" into "permission denied", and a file without a
// valid executable format is not handed to /bin/sh: it is reported.
// Exit statuses follow env(1) and chroot(1): 127 not found, 126 not executable.
#pragma once

#include "base/result.h"

namespace unroot {

/// Executes argv[0] with argv (null-terminated) and the current environment.
/// Returns only on failure, with status 127 or 126 as above.
Error exec_command(char* const argv[]);

}  // namespace unroot
