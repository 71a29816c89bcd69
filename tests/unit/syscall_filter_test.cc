#include "privilege/syscall_filter.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/keyctl.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

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

// The verdict of the filter with `allowed` lifted on call `nr` with `args`.
std::optional<uint32_t> verdict_of(SyscallGroupSet allowed, long nr,
                                   const std::vector<uint64_t>& args = {}) {
  seccomp_data data{};
  data.nr = static_cast<int>(nr);
  data.arch = kNativeAuditArch;
  size_t i = 0;
  for (uint64_t arg : args) data.args[i++] = arg;
  return run_filter(syscall_filter_program(allowed), data);
}

std::optional<uint32_t> verdict(long nr, uint64_t request) {
  return verdict_of({}, nr, {0, request});
}

constexpr uint32_t kRefused = SECCOMP_RET_ERRNO | EPERM;
constexpr uint32_t kNoSuchCall = SECCOMP_RET_ERRNO | ENOSYS;

SyscallGroupSet only(SyscallGroup group) {
  SyscallGroupSet set;
  set.add(group);
  return set;
}

// clone's flags come second on s390 (CLONE_BACKWARDS2).
std::vector<uint64_t> clone_args(uint64_t flags) {
#if defined(__s390x__)
  return {0, flags};
#else
  return {flags};
#endif
}

// Runs everywhere, qemu-user included: the filter built for this target names
// the request numbers of this target's own <sys/ioctl.h>.
TEST(TtyGuardFilter, RefusesThisTargetsOwnRequestNumbers) {
  EXPECT_EQ(verdict(SYS_ioctl, TIOCSTI), kRefused) << std::hex << TIOCSTI;
  EXPECT_EQ(verdict(SYS_ioctl, TIOCLINUX), kRefused) << std::hex << TIOCLINUX;
  EXPECT_EQ(verdict(SYS_ioctl, uint64_t{0xdead} << 32 | TIOCSTI), kRefused);
  EXPECT_EQ(verdict(SYS_ioctl, TIOCGWINSZ), SECCOMP_RET_ALLOW);
  EXPECT_EQ(verdict(SYS_ioctl, TIOCSTI + 1), SECCOMP_RET_ALLOW);
  EXPECT_EQ(verdict(SYS_write, TIOCSTI), SECCOMP_RET_ALLOW);
  // No --allow lifts the guard.
  EXPECT_EQ(verdict_of(SyscallGroupSet::all(), SYS_ioctl, {0, TIOCSTI}), kRefused);
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
      if (!install_syscall_filter({}).ok()) return 3;
      return ioctl_errno(out, request);
    });
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, std::to_string(EPERM) + "\n") << std::hex << request;
  }
}

TEST(TtyGuard, LeavesOtherIoctlsAlone) {
  auto r = testing::run_in_child([](int out) {
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    if (!install_syscall_filter({}).ok()) return 3;
    return ioctl_errno(out, TIOCGWINSZ);
  });
  EXPECT_EQ(r.out, std::to_string(ENOTTY) + "\n");
}

TEST(TtyGuard, UnprivilegedWithoutNoNewPrivsIsRefusedByTheKernel) {
  auto r = testing::run_in_child([](int out) {
    if (geteuid() == 0 && setresuid(4321, 4321, 4321) != 0) return 3;
    Status s = install_syscall_filter({});
    testing::write_text(out, s.ok() ? "ok" : s.error().message());
    return 0;
  });
  EXPECT_NE(r.out.find("cannot install unroot's seccomp filter"), std::string::npos) << r.out;
}

TEST(SyscallGroups, ParseNamesAllAndLists) {
  for (const SyscallGroupInfo& info : kSyscallGroups) {
    auto parsed = parse_syscall_groups(info.name);
    ASSERT_TRUE(parsed.ok()) << info.name;
    EXPECT_EQ(*parsed, only(info.group));
    EXPECT_EQ(parsed->to_string(), info.name);
  }
  EXPECT_EQ(*parse_syscall_groups("all"), SyscallGroupSet::all());
  auto list = parse_syscall_group_list(",ptrace,,namespaces,,");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->to_string(), "namespaces,ptrace");
  EXPECT_EQ(parse_syscall_group_list("")->to_string(), "none");
}

TEST(SyscallGroups, UnknownNameSaysWhichExist) {
  auto parsed = parse_syscall_group_list("ptrace,Ptrace");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message().find("unknown system call group \"Ptrace\""),
            std::string::npos);
  EXPECT_NE(parsed.error().message().find("namespaces, keyring"), std::string::npos);
}

// Each call of each group is refused by default and let through when its
// group, and only its group, is allowed.
TEST(SyscallFilterProgram, EachGroupRefusesItsCallsUntilAllowed) {
  struct Call {
    SyscallGroup group;
    long nr;
    std::vector<uint64_t> args;
    uint32_t refusal = kRefused;
  };
  const std::vector<Call> calls = {
      {SyscallGroup::kNamespaces, SYS_unshare, {CLONE_NEWUSER}},
      {SyscallGroup::kNamespaces, SYS_unshare, {CLONE_NEWNS}},
      {SyscallGroup::kNamespaces, SYS_unshare, {CLONE_NEWNET | CLONE_FILES}},
      {SyscallGroup::kNamespaces, SYS_unshare, {0x80}},  // CLONE_NEWTIME
      {SyscallGroup::kNamespaces, SYS_clone, clone_args(CLONE_NEWUSER | SIGCHLD)},
      {SyscallGroup::kNamespaces, SYS_clone, clone_args(CLONE_NEWPID)},
      {SyscallGroup::kNamespaces, SYS_clone, clone_args(CLONE_NEWCGROUP)},
      {SyscallGroup::kNamespaces, SYS_setns, {3, 0}},
      {SyscallGroup::kNamespaces, SYS_clone3, {0, 88}, kNoSuchCall},
      {SyscallGroup::kKeyring, SYS_keyctl, {KEYCTL_GET_KEYRING_ID}},
      {SyscallGroup::kKeyring, SYS_add_key, {}},
      {SyscallGroup::kKeyring, SYS_request_key, {}},
      {SyscallGroup::kBpf, SYS_bpf, {5}},
      {SyscallGroup::kUserfaultfd, SYS_userfaultfd, {}},
      {SyscallGroup::kPerf, SYS_perf_event_open, {}},
      {SyscallGroup::kIoUring, SYS_io_uring_setup, {8}},
      {SyscallGroup::kIoUring, SYS_io_uring_enter, {}},
      {SyscallGroup::kIoUring, SYS_io_uring_register, {}},
      {SyscallGroup::kPtrace, SYS_ptrace, {16 /* PTRACE_ATTACH */, 1}},
      {SyscallGroup::kPtrace, SYS_process_vm_readv, {}},
      {SyscallGroup::kPtrace, SYS_process_vm_writev, {}},
      {SyscallGroup::kPersonality, SYS_personality, {ADDR_NO_RANDOMIZE}},
      {SyscallGroup::kPersonality, SYS_personality, {READ_IMPLIES_EXEC}},
      {SyscallGroup::kPersonality, SYS_personality, {PER_SVR4}},
      {SyscallGroup::kPersonality, SYS_personality, {0xfffffffe}},
  };
  for (const Call& call : calls) {
    const std::string what = std::to_string(call.nr) + " of group " + only(call.group).to_string();
    EXPECT_EQ(verdict_of({}, call.nr, call.args), call.refusal) << what;
    EXPECT_EQ(verdict_of(only(call.group), call.nr, call.args), SECCOMP_RET_ALLOW) << what;
    EXPECT_EQ(verdict_of(only(call.group).complement(), call.nr, call.args), call.refusal) << what;
    EXPECT_EQ(verdict_of(SyscallGroupSet::all(), call.nr, call.args), SECCOMP_RET_ALLOW) << what;
  }
}

TEST(SyscallFilterProgram, LetsOrdinaryCallsThrough) {
  // fork, a pthread, vfork: clone without a namespace flag.
  EXPECT_EQ(verdict_of({}, SYS_clone, clone_args(SIGCHLD)), SECCOMP_RET_ALLOW);
  EXPECT_EQ(verdict_of({}, SYS_clone,
                       clone_args(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                                  CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
                                  CLONE_CHILD_CLEARTID)),
            SECCOMP_RET_ALLOW);
  EXPECT_EQ(verdict_of({}, SYS_clone, clone_args(CLONE_VM | CLONE_VFORK | SIGCHLD)),
            SECCOMP_RET_ALLOW);
  EXPECT_EQ(verdict_of({}, SYS_unshare, {CLONE_FILES | CLONE_FS}), SECCOMP_RET_ALLOW);
  for (uint64_t persona : {0x0ul, 0x8ul, 0x20000ul, 0x20008ul, 0xfffffffful}) {
    EXPECT_EQ(verdict_of({}, SYS_personality, {persona}), SECCOMP_RET_ALLOW) << persona;
  }
  // The kernel takes the persona as unsigned int; so does the filter.
  EXPECT_EQ(verdict_of({}, SYS_personality, {uint64_t{1} << 32}), SECCOMP_RET_ALLOW);
  for (long nr : {SYS_getppid, SYS_read, SYS_write, SYS_openat, SYS_execve, SYS_munmap, SYS_prctl,
                  SYS_seccomp}) {
    EXPECT_EQ(verdict_of({}, nr, {}), SECCOMP_RET_ALLOW) << nr;
  }
}

TEST(SyscallFilterProgram, AnswersTheQueryWithTheRefusedGroups) {
  EXPECT_EQ(verdict_of({}, kFilterQuerySyscall), SECCOMP_RET_ERRNO | (kFilterQueryErrno + 0xff));
  SyscallGroupSet allowed = only(SyscallGroup::kPtrace);
  allowed.add(SyscallGroup::kNamespaces);
  EXPECT_EQ(verdict_of(allowed, kFilterQuerySyscall),
            SECCOMP_RET_ERRNO | (kFilterQueryErrno + allowed.complement().mask()));
}

// The live kernel's answers, in a child under the filter.
std::string live_errnos(SyscallGroupSet allowed) {
  auto r = testing::run_in_child([&](int out) {
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return 3;
    if (!install_syscall_filter(allowed).ok()) return 4;
    std::string line;
    auto record = [&](long rc) { line += (rc == -1 ? std::to_string(errno) : "ok") + " "; };
    errno = 0;
    record(syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0));
    record(syscall(SYS_personality, ADDR_NO_RANDOMIZE));
    record(syscall(SYS_clone3, nullptr, 0));
    auto refused = query_syscall_filter();
    line += refused ? refused->to_string() : "no-filter";
    testing::write_text(out, line);
    return 0;
  });
  EXPECT_EQ(r.status, 0) << r.err;
  return r.out;
}

TEST(SyscallFilter, RefusesInTheKernelAndSaysWhat) {
  EXPECT_EQ(live_errnos({}), std::to_string(EPERM) + " " + std::to_string(EPERM) + " " +
                                 std::to_string(ENOSYS) + " " + SyscallGroupSet::all().to_string());
  // Lifted, the calls reach the kernel: no thread keyring (ENOKEY), the
  // persona changes, clone3 with no arguments is invalid (EINVAL).
  EXPECT_EQ(live_errnos(SyscallGroupSet::all()),
            std::to_string(ENOKEY) + " ok " + std::to_string(EINVAL) + " none");
}

TEST(SyscallFilter, QueryWithoutUnrootsFilterIsEmpty) {
  auto r = testing::run_in_child([](int out) {
    testing::write_text(out, query_syscall_filter() ? "filter" : "none");
    return 0;
  });
  EXPECT_EQ(r.out, "none");
}

}  // namespace
}  // namespace unroot
