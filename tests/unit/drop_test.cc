#include "privilege/drop.h"

#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "fork_probe.h"

namespace unroot {
namespace {

using testing::status_field;
using testing::write_text;

using testing::RecordingReporter;

Identity app() { return Identity{10001, 10001, {10001, 100}, "/home/app", "app"}; }

// The /proc/self/status lines a drop is judged by, in one string.
std::string status_summary() {
  std::string s;
  for (const char* f : {"Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
                        "NoNewPrivs", "Seccomp"}) {
    s += std::string(f) + "=" + status_field(f) + "\n";
  }
  return s;
}

// Runs drop_privileges(plan) in a child and returns what the child saw.
testing::ChildResult drop_in_child(const DropPlan& plan, std::function<void()> before = {}) {
  return testing::run_in_child([&](int out) {
    if (before) before();
    RecordingReporter reporter;
    auto r = drop_privileges(plan, reporter);
    write_text(out, reporter.lines);
    if (!r.ok()) {
      write_text(out, "error: " + r.error().message() + "\n" + status_summary());
      return 1;
    }
    write_text(out, status_summary());
    write_text(out, std::string("setuid0=") + (setuid(0) == 0 ? "ok" : "refused") + "\n");
    auto refused = query_syscall_filter();
    write_text(out, "refused=" + (refused ? refused->to_string() : "no-filter") + "\n");
    return 0;
  });
}

// Removes `cap` from the calling process's effective set, or from every set
// and the bounding set when `everywhere`.
void lose_capability(cap_value_t cap, bool everywhere = false) {
  if (everywhere) cap_drop_bound(cap);
  cap_t caps = cap_get_proc();
  cap_set_flag(caps, CAP_EFFECTIVE, 1, &cap, CAP_CLEAR);
  if (everywhere) cap_set_flag(caps, CAP_PERMITTED, 1, &cap, CAP_CLEAR);
  cap_set_proc(caps);
  cap_free(caps);
}

class DropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "the drop tests need root";
  }
};

TEST_F(DropTest, DropsEverythingToAnUnprivilegedUser) {
  auto r = drop_in_child(DropPlan{app(), {}, false, {}});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("Uid=10001\t10001\t10001\t10001\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Gid=10001\t10001\t10001\t10001\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Groups=100 10001"), std::string::npos) << r.out;
  for (const char* set : {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"}) {
    EXPECT_NE(r.out.find(std::string(set) + "=0000000000000000\n"), std::string::npos)
        << set << "\n"
        << r.out;
  }
  EXPECT_NE(r.out.find("NoNewPrivs=1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Seccomp=2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("setuid0=refused"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("refused=" + SyscallGroupSet::all().to_string() + "\n"), std::string::npos)
      << r.out;
}

TEST_F(DropTest, AllowedGroupsAreLetThroughTheFilter) {
  SyscallGroupSet allow;
  allow.add(SyscallGroup::kNamespaces);
  allow.add(SyscallGroup::kPtrace);
  auto r = drop_in_child(DropPlan{app(), {}, false, allow});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("refused=keyring,bpf,userfaultfd,perf,io_uring,personality\n"),
            std::string::npos)
      << r.out;
}

TEST_F(DropTest, KeptCapabilitySurvivesExecAsAmbient) {
  CapabilitySet keep;
  keep.add(CAP_NET_BIND_SERVICE);
  auto r = testing::run_in_child([&](int out) {
    RecordingReporter reporter;
    auto dropped = drop_privileges(DropPlan{app(), keep, false, {}}, reporter);
    if (!dropped.ok()) {
      write_text(out, dropped.error().message());
      return 1;
    }
    dup2(out, 1);
    execl("/bin/grep", "grep", "^Cap", "/proc/self/status", nullptr);
    return 2;
  });
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* set : {"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"}) {
    EXPECT_NE(r.out.find(std::string(set) + ":\t0000000000000400"), std::string::npos)
        << set << "\n"
        << r.out;
  }
}

TEST_F(DropTest, AllowEscalationLeavesNoNewPrivsAndBoundingSet) {
  std::string bounding_before = status_field("CapBnd");
  auto r = drop_in_child(DropPlan{app(), {}, true, {}});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("NoNewPrivs=0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CapBnd=" + bounding_before + "\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CapEff=0000000000000000\n"), std::string::npos) << r.out;
  // Root has CAP_SYS_ADMIN here, so the TTY guard is loaded, and only it.
  EXPECT_NE(r.out.find("refused=none\n"), std::string::npos) << r.out;
}

TEST_F(DropTest, MissingSetuidCapabilityChangesNothing) {
  auto r = drop_in_child(DropPlan{app(), {}, false, {}}, [] { lose_capability(CAP_SETUID); });
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("error: cannot switch user (to 10001:10001): the process lacks CAP_SETUID"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Uid=0\t0\t0\t0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NoNewPrivs=0\n"), std::string::npos) << r.out;
}

TEST_F(DropTest, MissingSetgidCapabilityIsNamed) {
  auto r = drop_in_child(DropPlan{app(), {}, false, {}}, [] { lose_capability(CAP_SETGID); });
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("lacks CAP_SETGID"), std::string::npos) << r.out;
}

TEST_F(DropTest, KeepingAnAbsentCapabilityAsRootIsAnError) {
  CapabilitySet keep;
  keep.add(CAP_SYS_ADMIN);
  auto r =
      drop_in_child(DropPlan{app(), keep, false, {}}, [] { lose_capability(CAP_SYS_ADMIN, true); });
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("error: cannot keep cap_sys_admin"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Uid=0\t0\t0\t0\n"), std::string::npos) << r.out;
}

TEST_F(DropTest, UnprivilegedStartKeepsIdentityAndHardens) {
  CapabilitySet keep;
  keep.add(CAP_NET_BIND_SERVICE);
  auto r = drop_in_child(DropPlan{std::nullopt, keep, false, {}},
                         [] { (void)!setresuid(4321, 4321, 4321); });
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("cannot keep cap_net_bind_service: started as uid 4321"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Uid=4321\t4321\t4321\t4321\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CapAmb=0000000000000000\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NoNewPrivs=1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Seccomp=2\n"), std::string::npos) << r.out;
}

TEST_F(DropTest, RootTargetKeepsRootsCapabilities) {
  std::string effective_before = status_field("CapEff");
  auto r = drop_in_child(DropPlan{Identity{0, 0, {0}, "/root", "root"}, {}, false, {}});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("Uid=0\t0\t0\t0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CapEff=" + effective_before + "\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NoNewPrivs=1\n"), std::string::npos) << r.out;
}

TEST_F(DropTest, WithoutSetpcapTheBoundingSetStaysButNoNewPrivsHolds) {
  auto r = testing::run_in_child([&](int out) {
    lose_capability(CAP_SETPCAP);
    RecordingReporter reporter;
    auto dropped = drop_privileges(DropPlan{app(), {}, false, {}}, reporter);
    write_text(out, dropped.ok() && !dropped->bounding_cleared ? "kept-bounding\n" : "other\n");
    write_text(out, status_summary());
    return 0;
  });
  EXPECT_NE(r.out.find("kept-bounding"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CapEff=0000000000000000\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NoNewPrivs=1\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace unroot
