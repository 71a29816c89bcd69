#include "privilege/tty_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdint>

#include "fork_probe.h"

namespace unroot {
namespace {

// Reports the errno of ioctl(/dev/null, request) as a decimal string.
int ioctl_errno(int out_fd, unsigned long request) {
  int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  char c = 'x';
  errno = 0;
  ioctl(fd, request, &c);
  testing::write_text(out_fd, std::to_string(errno) + "\n");
  return 0;
}

TEST(TtyGuard, WithoutGuardTheKernelAnswers) {
  auto r = testing::run_in_child([](int out) { return ioctl_errno(out, TIOCSTI); });
  EXPECT_EQ(r.out, std::to_string(ENOTTY) + "\n");
}

TEST(TtyGuard, RefusesTiocstiAndTioclinux) {
  for (unsigned long request :
       {static_cast<unsigned long>(TIOCSTI), static_cast<unsigned long>(TIOCLINUX),
        // the kernel truncates the request to 32 bits (where long has them)
        static_cast<unsigned long>(uint64_t{1} << 32 | TIOCSTI)}) {
    auto r = testing::run_in_child([&](int out) {
      prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
      if (!install_tty_guard().ok()) return 3;
      return ioctl_errno(out, request);
    });
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, std::to_string(EPERM) + "\n") << std::hex << request;
  }
}

TEST(TtyGuard, LeavesOtherIoctlsAlone) {
  auto r = testing::run_in_child([](int out) {
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (!install_tty_guard().ok()) return 3;
    return ioctl_errno(out, TIOCGWINSZ);
  });
  EXPECT_EQ(r.out, std::to_string(ENOTTY) + "\n");
}

TEST(TtyGuard, UnprivilegedWithoutNoNewPrivsIsRefusedByTheKernel) {
  auto r = testing::run_in_child([](int out) {
    if (geteuid() == 0 && setresuid(4321, 4321, 4321) != 0) return 3;
    Status s = install_tty_guard();
    testing::write_text(out, s.ok() ? "ok" : s.error().message());
    return 0;
  });
  EXPECT_NE(r.out.find("cannot install the TTY guard"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace unroot
