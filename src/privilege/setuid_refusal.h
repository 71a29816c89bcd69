// unroot must never be installed setuid or setgid: it would hand root to every
// user who can run it. This check runs before anything else and refuses.
#pragma once

#include "base/result.h"

namespace unroot {

/// An Error when this executable carries the setuid or setgid bit, or when the
/// kernel marked this execution secure (ids or capabilities gained at exec).
/// `exe_path` is the executable to stat; /proc/self/exe in production.
Status refuse_setuid_installation(const char* exe_path = "/proc/self/exe");

}  // namespace unroot
