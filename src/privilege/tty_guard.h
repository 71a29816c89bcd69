// The TTY guard: a seccomp filter under which ioctl(TIOCSTI) and
// ioctl(TIOCLINUX) fail with EPERM, so a dropped process cannot push
// keystrokes into a terminal it shares with a privileged parent (the
// CVE-2016-2779 class). The filter is compiled at build time
// (tools/gen_tty_guard.cc); here it is only loaded.
#pragma once

#include <linux/filter.h>

#include <span>

#include "base/result.h"

namespace unroot {

/// Loads the guard into the calling thread. The kernel allows that only under
/// no_new_privs or with CAP_SYS_ADMIN; the filter stays for the life of the
/// process and everything it executes.
Status install_tty_guard();

/// The filter's instructions as generated for this build's architecture, for
/// inspection where seccomp cannot be loaded (qemu-user refuses it).
std::span<const sock_filter> tty_guard_program();

}  // namespace unroot
