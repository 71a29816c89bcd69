#include "audit/kernel_surface.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "fork_probe.h"

namespace unroot {
namespace {

const SyscallGroupInfo& info_of(SyscallGroup group) {
  return kSyscallGroups[static_cast<size_t>(group)];
}

KernelSurfaceFacts facts_with(int err, std::optional<SyscallGroupSet> unroot, int seccomp_mode) {
  KernelSurfaceFacts facts;
  facts.calls.fill({{"first", err}, {"second", err}});
  facts.unroot_refuses = unroot;
  facts.seccomp_mode = seccomp_mode;
  return facts;
}

TEST(KernelSurfaceAssess, RefusedByUnrootPasses) {
  Finding f = assess_kernel_group(facts_with(EPERM, SyscallGroupSet::all(), 2),
                                  info_of(SyscallGroup::kKeyring));
  EXPECT_EQ(f.id, "kernel.keyring");
  EXPECT_EQ(f.status, FindingStatus::kPass);
  EXPECT_EQ(f.summary, "keyring refused by unroot's filter");
  EXPECT_EQ(f.evidence, "first: EPERM, second: EPERM");
}

TEST(KernelSurfaceAssess, RefusedByTheEngineOrTheKernelPassesAndSaysWho) {
  Finding engine =
      assess_kernel_group(facts_with(ENOSYS, std::nullopt, 2), info_of(SyscallGroup::kIoUring));
  EXPECT_EQ(engine.status, FindingStatus::kPass);
  EXPECT_EQ(engine.summary, "io_uring refused before the kernel, by the engine's seccomp profile");
  Finding kernel =
      assess_kernel_group(facts_with(EPERM, std::nullopt, 0), info_of(SyscallGroup::kNamespaces));
  EXPECT_EQ(kernel.summary, "namespaces refused before the kernel, by a kernel setting");
  EXPECT_EQ(kernel.evidence, "first: EPERM, second: EPERM");
}

TEST(KernelSurfaceAssess, ReachingTheKernelWarns) {
  Finding open =
      assess_kernel_group(facts_with(ESRCH, std::nullopt, 0), info_of(SyscallGroup::kPtrace));
  EXPECT_EQ(open.status, FindingStatus::kWarn);
  EXPECT_EQ(open.summary, "ptrace reaches the kernel: first, second");
  EXPECT_NE(open.remedy.find("unroot exec or init"), std::string::npos);
  // One call through is enough to warn, and only it is named.
  KernelSurfaceFacts split = facts_with(ENOSYS, std::nullopt, 2);
  split.calls[static_cast<size_t>(SyscallGroup::kKeyring)][1].error = EFAULT;
  Finding partly = assess_kernel_group(split, info_of(SyscallGroup::kKeyring));
  EXPECT_EQ(partly.status, FindingStatus::kWarn);
  EXPECT_EQ(partly.summary, "keyring reaches the kernel: second");
  EXPECT_EQ(partly.evidence, "first: ENOSYS, second: EFAULT");
  // Lifted by --allow under unroot's filter: the remedy names the option.
  SyscallGroupSet refused = SyscallGroupSet::all();
  Finding lifted = assess_kernel_group(
      facts_with(ESRCH, SyscallGroupSet::from_mask(refused.mask() & ~(1u << 6)), 2),
      info_of(SyscallGroup::kPtrace));
  EXPECT_EQ(lifted.status, FindingStatus::kWarn);
  EXPECT_EQ(lifted.evidence,
            "first: ESRCH, second: ESRCH; unroot's filter lets it through (--allow ptrace)");
  EXPECT_EQ(lifted.remedy, "drop --allow ptrace unless the application needs it");
}

// What probe_kernel_surface reports in a child: "call=errno" for every call,
// then the query's answer.
std::string probe_in_child(std::optional<SyscallGroupSet> filter) {
  auto r = testing::run_in_child([&](int out) {
    if (filter) {
      if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return 3;
      if (!install_syscall_filter(*filter).ok()) return 4;
    }
    KernelSurfaceFacts facts = probe_kernel_surface(filter ? 2 : 0);
    std::string line;
    for (const auto& calls : facts.calls) {
      for (const auto& call : calls)
        line += std::string(call.name) + "=" + std::to_string(call.error) + " ";
    }
    line += facts.unroot_refuses ? facts.unroot_refuses->to_string() : "no-filter";
    testing::write_text(out, line);
    return 0;
  });
  EXPECT_EQ(r.status, 0);
  return r.out;
}

std::string expected(const std::vector<std::pair<const char*, int>>& calls,
                     const std::string& tail) {
  std::string line;
  for (const auto& [name, error] : calls)
    line += std::string(name) + "=" + std::to_string(error) + " ";
  return line + tail;
}

TEST(KernelSurface, ProbesReachTheKernelWithoutAFilter) {
  // Each call's kernel code rejects it (or, for a user namespace and a
  // persona, lets it be): nothing comes back as EPERM or ENOSYS.
  EXPECT_EQ(probe_in_child(std::nullopt), expected({{"unshare", 0},
                                                    {"setns", EBADF},
                                                    {"clone3", EINVAL},
                                                    {"keyctl", ENOKEY},
                                                    {"add_key", EFAULT},
                                                    {"request_key", EFAULT},
                                                    {"bpf", EBADF},
                                                    {"userfaultfd", EINVAL},
                                                    {"perf_event_open", EINVAL},
                                                    {"io_uring_setup", EFAULT},
                                                    {"io_uring_enter", EBADF},
                                                    {"io_uring_register", EINVAL},
                                                    {"ptrace", ESRCH},
                                                    {"process_vm_readv", EINVAL},
                                                    {"process_vm_writev", EINVAL},
                                                    {"personality", 0}},
                                                   "no-filter"));
}

TEST(KernelSurface, ProbesAreRefusedUnderUnrootsFilter) {
  EXPECT_EQ(probe_in_child(SyscallGroupSet{}), expected({{"unshare", EPERM},
                                                         {"setns", EPERM},
                                                         {"clone3", ENOSYS},
                                                         {"keyctl", EPERM},
                                                         {"add_key", EPERM},
                                                         {"request_key", EPERM},
                                                         {"bpf", EPERM},
                                                         {"userfaultfd", EPERM},
                                                         {"perf_event_open", EPERM},
                                                         {"io_uring_setup", EPERM},
                                                         {"io_uring_enter", EPERM},
                                                         {"io_uring_register", EPERM},
                                                         {"ptrace", EPERM},
                                                         {"process_vm_readv", EPERM},
                                                         {"process_vm_writev", EPERM},
                                                         {"personality", EPERM}},
                                                        SyscallGroupSet::all().to_string()));
}

}  // namespace
}  // namespace unroot
