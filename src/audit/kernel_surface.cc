#include "audit/kernel_surface.h"

#include <errno.h>
#include <linux/bpf.h>
#include <linux/keyctl.h>
#include <linux/userfaultfd.h>
#include <sched.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace unroot {
namespace {

// The errno of `rc`, 0 when the call succeeded.
int errno_of(long rc) { return rc == -1 ? errno : 0; }

// unshare(CLONE_NEWUSER) in a child, which reports the errno as its status:
// the checking process keeps its namespaces (and may have threads).
int try_user_namespace() {
  pid_t pid = fork();
  if (pid == 0) _exit(unshare(CLONE_NEWUSER) == 0 ? 0 : errno);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return EAGAIN;
  return WEXITSTATUS(status);
}

using Call = KernelSurfaceFacts::Call;

// Each group's calls, in forms its kernel code rejects before doing anything.
std::vector<Call> try_group(SyscallGroup group) {
  errno = 0;
  switch (group) {
    case SyscallGroup::kNamespaces:
      return {{"unshare", try_user_namespace()},
              {"setns", errno_of(syscall(SYS_setns, -1, CLONE_NEWUSER))},  // EBADF
              {"clone3", errno_of(syscall(SYS_clone3, nullptr, 0))}};      // EINVAL
    case SyscallGroup::kKeyring:
      return {
          // no thread keyring, none created: ENOKEY
          {"keyctl",
           errno_of(syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0))},
          {"add_key", errno_of(syscall(SYS_add_key, nullptr, nullptr, nullptr, 0, 0))},  // EFAULT
          {"request_key", errno_of(syscall(SYS_request_key, nullptr, nullptr, nullptr, 0))}};
    case SyscallGroup::kBpf: {  // a lookup in map -1: EBADF
      union bpf_attr attr;
      memset(&attr, 0, sizeof attr);
      attr.map_fd = static_cast<__u32>(-1);
      return {{"bpf", errno_of(syscall(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof attr))}};
    }
    case SyscallGroup::kUserfaultfd:  // an unknown flag: EINVAL
      return {{"userfaultfd", errno_of(syscall(SYS_userfaultfd, UFFD_USER_MODE_ONLY | 0x2))}};
    case SyscallGroup::kPerf:  // unknown flags: EINVAL
      return {
          {"perf_event_open", errno_of(syscall(SYS_perf_event_open, nullptr, 0, -1, -1, ~0UL))}};
    case SyscallGroup::kIoUring:
      return {{"io_uring_setup", errno_of(syscall(SYS_io_uring_setup, 1, nullptr))},  // EFAULT
              {"io_uring_enter", errno_of(syscall(SYS_io_uring_enter, -1, 0, 0, 0, nullptr, 0))},
              {"io_uring_register", errno_of(syscall(SYS_io_uring_register, -1, 0, nullptr, 0))}};
    case SyscallGroup::kPtrace:  // no such process: ESRCH; unknown flags: EINVAL
      return {{"ptrace", errno_of(syscall(SYS_ptrace, PTRACE_ATTACH, -1, 0, 0))},
              {"process_vm_readv",
               errno_of(syscall(SYS_process_vm_readv, 0, nullptr, 0, nullptr, 0, 1))},
              {"process_vm_writev",
               errno_of(syscall(SYS_process_vm_writev, 0, nullptr, 0, nullptr, 0, 1))}};
    case SyscallGroup::kPersonality: {
      // The system call itself: 32-bit glibc's personality() returns a
      // refusal as -1 without setting errno.
      const long current = syscall(SYS_personality, 0xffffffffUL);
      const int err = errno_of(
          syscall(SYS_personality, static_cast<unsigned long>(current) | ADDR_NO_RANDOMIZE));
      if (err == 0) syscall(SYS_personality, static_cast<unsigned long>(current));
      return {{"personality", err}};
    }
  }
  return {};
}

bool refused(const Call& call) { return call.error == EPERM || call.error == ENOSYS; }

std::string answer_of(const Call& call) {
  return std::string(call.name) + ": " +
         (call.error == 0 ? "succeeded" : strerrorname_np(call.error));
}

}  // namespace

KernelSurfaceFacts probe_kernel_surface(int seccomp_mode) {
  KernelSurfaceFacts facts;
  facts.unroot_refuses = query_syscall_filter();
  facts.seccomp_mode = seccomp_mode;
  for (const SyscallGroupInfo& info : kSyscallGroups) {
    facts.calls[static_cast<size_t>(info.group)] = try_group(info.group);
  }
  return facts;
}

Finding assess_kernel_group(const KernelSurfaceFacts& facts, const SyscallGroupInfo& info) {
  const std::string name(info.name);
  Finding f{"kernel." + name, FindingStatus::kPass, "", "", ""};
  std::string reaching;
  for (const Call& call : facts.calls[static_cast<size_t>(info.group)]) {
    f.evidence += (f.evidence.empty() ? "" : ", ") + answer_of(call);
    if (!refused(call)) reaching += (reaching.empty() ? "" : ", ") + std::string(call.name);
  }
  if (facts.unroot_refuses && facts.unroot_refuses->has(info.group)) {
    f.summary = name + " refused by unroot's filter";
    return f;
  }
  if (reaching.empty()) {
    f.summary = name + " refused before the kernel, by " +
                (facts.seccomp_mode == 2 ? "the engine's seccomp profile" : "a kernel setting");
    return f;
  }
  f.status = FindingStatus::kWarn;
  f.summary = name + " reaches the kernel: " + reaching;
  if (facts.unroot_refuses) {
    f.evidence += "; unroot's filter lets it through (--allow " + name + ")";
    f.remedy = "drop --allow " + name + " unless the application needs it";
  } else {
    f.remedy = "start the application through unroot exec or init, whose filter refuses it";
  }
  return f;
}

}  // namespace unroot
