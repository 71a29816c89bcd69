// The kernel-surface groups of unroot's seccomp filter: named sets of system
// calls that an unprivileged application rarely needs and that most container
// escapes of recent years went through. Each group is refused (EPERM; clone3
// ENOSYS) unless `--allow NAME` lifts it. Shared by the build-time generator
// (tools/gen_syscall_filter.cc), which decides the calls of each group per
// ABI, and by the binary, which names the groups and lifts them at start.
#pragma once

#include <cstdint>
#include <string_view>

namespace unroot {

/// One group; its value is its bit in a SyscallGroupSet and in the filter's
/// answer to the query call below.
enum class SyscallGroup : uint8_t {
  kNamespaces,
  kKeyring,
  kBpf,
  kUserfaultfd,
  kPerf,
  kIoUring,
  kPtrace,
  kPersonality,
};
constexpr int kSyscallGroupCount = 8;

/// What a user reads about a group: its `--allow` name, the calls it
/// refuses, and why they are refused by default.
struct SyscallGroupInfo {
  SyscallGroup group;
  std::string_view name;
  std::string_view calls;
  std::string_view why;
};

constexpr SyscallGroupInfo kSyscallGroups[kSyscallGroupCount] = {
    {SyscallGroup::kNamespaces, "namespaces",
     "unshare and clone with a CLONE_NEW* flag, setns; clone3 fails with ENOSYS so that libc "
     "falls back to clone",
     "a new user namespace hands an unprivileged process namespaced root, the way into most "
     "netfilter, overlayfs and io_uring escapes; browser sandboxes need it"},
    {SyscallGroup::kKeyring, "keyring", "keyctl, add_key, request_key",
     "kernel keyrings are not namespaced and have had use-after-free escapes"},
    {SyscallGroup::kBpf, "bpf", "bpf",
     "the verifier and its JIT are a large attack surface; applications do not load BPF"},
    {SyscallGroup::kUserfaultfd, "userfaultfd", "userfaultfd",
     "it lets an exploit pause the kernel mid-copy and win races; live migration tools need it"},
    {SyscallGroup::kPerf, "perf", "perf_event_open",
     "performance events have had many privilege escalations; profilers need it"},
    {SyscallGroup::kIoUring, "io_uring", "io_uring_setup, io_uring_enter, io_uring_register",
     "the source of a long line of kernel escalations; servers built for it need it"},
    {SyscallGroup::kPtrace, "ptrace", "ptrace, process_vm_readv, process_vm_writev",
     "reading and changing the memory of the user's other processes; debuggers need it"},
    {SyscallGroup::kPersonality, "personality",
     "personality with a value Docker's profile does not allow (only 0, 8, 0x20000, 0x20008 "
     "and the query 0xffffffff pass)",
     "flags such as ADDR_NO_RANDOMIZE and READ_IMPLIES_EXEC turn off exploit mitigations"},
};

/// A system call number no kernel assigns, which unroot's filter answers with
/// errno kFilterQueryErrno + the mask of the groups it refuses, so that
/// `unroot check` can tell unroot's filter from the engine's. Below ARM's
/// private range (0x0f0000), where an unknown number would raise SIGILL.
constexpr long kFilterQuerySyscall = 0xF000;
constexpr int kFilterQueryErrno = 0xC00;

}  // namespace unroot
