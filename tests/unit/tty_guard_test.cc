#include "privilege/tty_guard.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>
#include <optional>

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

// The seccomp architecture of the ABI this test is compiled for.
constexpr uint32_t kNativeAuditArch =
#if defined(__x86_64__) && !defined(__ILP32__)
    AUDIT_ARCH_X86_64;
#elif defined(__i386__)
    AUDIT_ARCH_I386;
#elif defined(__aarch64__)
    AUDIT_ARCH_AARCH64;
#elif defined(__arm__) && !defined(__ARMEB__)
    AUDIT_ARCH_ARM;
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
    AUDIT_ARCH_PPC64LE;
#elif defined(__s390x__)
    AUDIT_ARCH_S390X;
#elif defined(__mips64) && defined(__MIPSEL__) && _MIPS_SIM == _ABI64
    AUDIT_ARCH_MIPSEL64;
#elif defined(__riscv) && __riscv_xlen == 64
    AUDIT_ARCH_RISCV64;
#else
#error "no seccomp architecture known for this target"
#endif

// Runs a classic BPF program over one system call as the kernel's seccomp
// does: the instructions libseccomp emits (word loads from seccomp_data, its
// scratch memory, AND, the conditional and plain jumps, return). Anything else
// gives nullopt, so a filter this cannot read fails the test instead of
// passing it.
std::optional<uint32_t> run_filter(std::span<const sock_filter> program, const seccomp_data& data) {
  uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {};
  for (size_t pc = 0; pc < program.size(); ++pc) {
    const sock_filter& in = program[pc];
    switch (in.code) {
      case BPF_LD | BPF_W | BPF_ABS:
        if (in.k % 4 != 0 || in.k + 4 > sizeof data) return std::nullopt;
        memcpy(&a, reinterpret_cast<const char*>(&data) + in.k, 4);
        break;
      case BPF_LD | BPF_MEM:
      case BPF_LDX | BPF_MEM:
      case BPF_ST:
      case BPF_STX:
        if (in.k >= BPF_MEMWORDS) return std::nullopt;
        if (in.code == (BPF_LD | BPF_MEM)) a = mem[in.k];
        if (in.code == (BPF_LDX | BPF_MEM)) x = mem[in.k];
        if (in.code == BPF_ST) mem[in.k] = a;
        if (in.code == BPF_STX) mem[in.k] = x;
        break;
      case BPF_ALU | BPF_AND | BPF_K:
        a &= in.k;
        break;
      case BPF_JMP | BPF_JA:
        pc += in.k;
        break;
      case BPF_JMP | BPF_JEQ | BPF_K:
      case BPF_JMP | BPF_JGT | BPF_K:
      case BPF_JMP | BPF_JGE | BPF_K:
      case BPF_JMP | BPF_JSET | BPF_K: {
        bool taken = BPF_OP(in.code) == BPF_JEQ   ? a == in.k
                     : BPF_OP(in.code) == BPF_JGT ? a > in.k
                     : BPF_OP(in.code) == BPF_JGE ? a >= in.k
                                                  : (a & in.k) != 0;
        pc += taken ? in.jt : in.jf;
        break;
      }
      case BPF_RET | BPF_K:
        return in.k;
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> verdict(long nr, uint64_t request) {
  seccomp_data data{};
  data.nr = static_cast<int>(nr);
  data.arch = kNativeAuditArch;
  data.args[0] = 0;
  data.args[1] = request;
  return run_filter(tty_guard_program(), data);
}

constexpr uint32_t kRefused = SECCOMP_RET_ERRNO | EPERM;

// Runs everywhere, qemu-user included: the filter built for this target names
// the request numbers of this target's own <sys/ioctl.h>.
TEST(TtyGuardFilter, RefusesThisTargetsOwnRequestNumbers) {
  EXPECT_EQ(verdict(SYS_ioctl, TIOCSTI), kRefused) << std::hex << TIOCSTI;
  EXPECT_EQ(verdict(SYS_ioctl, TIOCLINUX), kRefused) << std::hex << TIOCLINUX;
  EXPECT_EQ(verdict(SYS_ioctl, uint64_t{0xdead} << 32 | TIOCSTI), kRefused);
  EXPECT_EQ(verdict(SYS_ioctl, TIOCGWINSZ), SECCOMP_RET_ALLOW);
  EXPECT_EQ(verdict(SYS_ioctl, TIOCSTI + 1), SECCOMP_RET_ALLOW);
  EXPECT_EQ(verdict(SYS_write, TIOCSTI), SECCOMP_RET_ALLOW);
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
