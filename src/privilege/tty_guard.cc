#include "privilege/tty_guard.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/prctl.h>

#include <iterator>

namespace unroot {
namespace {

const sock_filter kTtyGuard[] = {
#include "tty_guard_filter.inc"
};

}  // namespace

std::span<const sock_filter> tty_guard_program() { return kTtyGuard; }

Status install_tty_guard() {
  sock_fprog prog{static_cast<unsigned short>(std::size(kTtyGuard)),
                  const_cast<sock_filter*>(kTtyGuard)};
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) {
    return Error{"cannot install the TTY guard (seccomp filter)", strerror(errno),
                 "the kernel needs seccomp filter support"};
  }
  return Ok{};
}

}  // namespace unroot
