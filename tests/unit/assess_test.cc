#include "audit/assess.h"

#include <errno.h>
#include <gtest/gtest.h>
#include <linux/capability.h>

#include <algorithm>

namespace unroot {
namespace {

constexpr uint64_t kDockerDefaultCaps = 0xa80425fb;

// A process as `docker run` starts it: root, Docker's default capabilities,
// seccomp and AppArmor on, no_new_privs off.
AuditFacts docker_root() {
  AuditFacts facts;
  facts.status.permitted = facts.status.effective = facts.status.bounding =
      CapabilitySet(kDockerDefaultCaps);
  facts.status.seccomp_mode = 2;
  facts.uid_map = IdMap{{0, 0, 4294967295u}};
  facts.user_name = "root";
  facts.groups = {{0, "root"}};
  facts.lsm_name = "apparmor";
  facts.lsm_label = "docker-default (enforce)";
  facts.setuid = SetuidScan{};
  return facts;
}

// The same container after `unroot exec app`.
AuditFacts dropped_app() {
  AuditFacts facts = docker_root();
  for (int i = 0; i < 4; ++i) facts.status.uid[i] = facts.status.gid[i] = 10001;
  facts.status.permitted = facts.status.effective = facts.status.bounding = CapabilitySet();
  facts.status.no_new_privs = true;
  facts.user_name = "app";
  facts.groups = {{10001, "app"}};
  facts.kernel_surface.unroot_refuses = SyscallGroupSet::all();
  facts.kernel_surface.calls.fill({{"call", EPERM}});
  return facts;
}

const Finding& find(const std::vector<Finding>& findings, const std::string& id) {
  auto it =
      std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
  EXPECT_NE(it, findings.end()) << id;
  return *it;
}

FindingStatus status_of(const AuditFacts& facts, const std::string& id) {
  return find(assess(facts), id).status;
}

TEST(Assess, EveryIdOnceInTheDocumentedOrder) {
  std::vector<std::string> ids;
  for (const Finding& f : assess(docker_root())) ids.push_back(f.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"identity.root",
                                           "identity.groups",
                                           "caps.effective",
                                           "caps.permitted",
                                           "caps.bounding",
                                           "caps.ambient",
                                           "caps.inheritable",
                                           "no_new_privs",
                                           "seccomp",
                                           "lsm",
                                           "privileged",
                                           "setuid_files",
                                           "sudo",
                                           "writable_sensitive",
                                           "runtime_socket",
                                           "writes",
                                           "kernel.namespaces",
                                           "kernel.keyring",
                                           "kernel.bpf",
                                           "kernel.userfaultfd",
                                           "kernel.perf",
                                           "kernel.io_uring",
                                           "kernel.ptrace",
                                           "kernel.personality"}));
}

TEST(Assess, DockerDefaultRootFailsIdentityAndCapabilities) {
  std::vector<Finding> findings = assess(docker_root());
  const Finding& root = find(findings, "identity.root");
  EXPECT_EQ(root.status, FindingStatus::kFail);
  EXPECT_NE(root.evidence.find("host's"), std::string::npos);
  const Finding& effective = find(findings, "caps.effective");
  EXPECT_EQ(effective.status, FindingStatus::kFail);
  EXPECT_NE(effective.summary.find("cap_setuid"), std::string::npos) << effective.summary;
  EXPECT_NE(effective.evidence.find("a80425fb"), std::string::npos);
  EXPECT_EQ(find(findings, "caps.bounding").status, FindingStatus::kFail);
  EXPECT_EQ(find(findings, "caps.ambient").status, FindingStatus::kPass);
  EXPECT_EQ(find(findings, "identity.groups").status, FindingStatus::kWarn);
  EXPECT_EQ(find(findings, "no_new_privs").status, FindingStatus::kWarn);
  EXPECT_EQ(find(findings, "seccomp").status, FindingStatus::kPass);
  EXPECT_EQ(find(findings, "lsm").status, FindingStatus::kPass);
  EXPECT_EQ(check_exit_status(findings, false), 2);
}

TEST(Assess, WritesSayWhetherTheyAreFenced) {
  AuditFacts facts = dropped_app();
  facts.landlock_abi = 7;
  Finding open = find(assess(facts), "writes");
  EXPECT_EQ(open.status, FindingStatus::kPass);
  EXPECT_EQ(open.summary,
            "writes are not fenced: the user writes wherever file permissions let it");
  EXPECT_EQ(open.remedy, "declare the application's data directories: unroot exec --write PATH");
  facts.writes_fenced = true;
  Finding fenced = find(assess(facts), "writes");
  EXPECT_EQ(fenced.summary,
            "writes are fenced to declared paths (Landlock, as unroot --write sets)");
  EXPECT_EQ(fenced.evidence,
            "open(/dev/urandom, O_WRONLY): refused although its mode allows it; Landlock ABI 7 "
            "available");
}

TEST(Assess, AppDroppedByUnrootPassesEverything) {
  std::vector<Finding> findings = assess(dropped_app());
  for (const Finding& f : findings) {
    EXPECT_EQ(f.status, FindingStatus::kPass) << f.id << ": " << f.summary;
  }
  EXPECT_EQ(check_exit_status(findings, true), 0);
  EXPECT_NE(find(findings, "identity.root").summary.find("uid 10001 (app)"), std::string::npos);
}

TEST(Assess, RootInAUserNamespaceIsAWarnNamingTheHostUid) {
  AuditFacts facts = docker_root();
  facts.uid_map = IdMap{{0, 165536, 65536}};
  const Finding root = find(assess(facts), "identity.root");
  EXPECT_EQ(root.status, FindingStatus::kWarn);
  EXPECT_NE(root.summary.find("165536"), std::string::npos) << root.summary;
}

TEST(Assess, PowerfulGroupsAreNamed) {
  AuditFacts facts = dropped_app();
  facts.groups.emplace_back(999, "docker");
  facts.groups.emplace_back(6, "disk");
  const Finding groups = find(assess(facts), "identity.groups");
  EXPECT_EQ(groups.status, FindingStatus::kWarn);
  EXPECT_NE(groups.summary.find("docker (999)"), std::string::npos);
  EXPECT_NE(groups.summary.find("disk (6)"), std::string::npos);
}

TEST(Assess, HarmlessCapabilitiesWarnDangerousOnesFail) {
  AuditFacts facts = dropped_app();
  facts.status.effective.add(CAP_NET_BIND_SERVICE);
  EXPECT_EQ(status_of(facts, "caps.effective"), FindingStatus::kWarn);
  facts.status.ambient.add(CAP_SYS_ADMIN);
  EXPECT_EQ(status_of(facts, "caps.ambient"), FindingStatus::kFail);
}

TEST(Assess, ADangerousBoundingSetIsOnlyAWarnUnderNoNewPrivs) {
  AuditFacts facts = dropped_app();
  facts.status.bounding = CapabilitySet(kDockerDefaultCaps);
  EXPECT_EQ(status_of(facts, "caps.bounding"), FindingStatus::kWarn);
  facts.status.no_new_privs = false;
  EXPECT_EQ(status_of(facts, "caps.bounding"), FindingStatus::kFail);
}

TEST(Assess, PrivilegedNeedsANearlyFullBoundingSetAndAnotherSign) {
  AuditFacts facts = docker_root();
  facts.cap_last_cap = 40;
  // A confined engine's --privileged lacks a capability or two.
  facts.status.bounding =
      CapabilitySet(((uint64_t{1} << 41) - 1) & ~(uint64_t{1} << CAP_SYS_RESOURCE));
  EXPECT_EQ(status_of(facts, "privileged"), FindingStatus::kWarn);
  facts.host_devices = {"/dev/sda", "/dev/kmsg"};
  facts.sys_writable = true;
  const Finding privileged = find(assess(facts), "privileged");
  EXPECT_EQ(privileged.status, FindingStatus::kFail);
  EXPECT_NE(privileged.evidence.find("/dev/sda"), std::string::npos);
  EXPECT_EQ(status_of(docker_root(), "privileged"), FindingStatus::kPass);
}

TEST(Assess, SetuidRootFailsOnlyWithoutNoNewPrivs) {
  AuditFacts facts = docker_root();
  facts.setuid = SetuidScan{{{"/bin/su", 0, 0, 04755}}, 100, 0};
  const Finding found = find(assess(facts), "setuid_files");
  EXPECT_EQ(found.status, FindingStatus::kFail);
  EXPECT_NE(found.evidence.find("/bin/su 4755"), std::string::npos) << found.evidence;
  facts.status.no_new_privs = true;
  EXPECT_EQ(status_of(facts, "setuid_files"), FindingStatus::kWarn);
  facts.setuid = std::nullopt;
  EXPECT_EQ(status_of(facts, "setuid_files"), FindingStatus::kSkip);
}

TEST(Assess, SudoRuleFailsProgramAloneWarns) {
  AuditFacts facts = dropped_app();
  facts.sudo.programs = {"/usr/bin/sudo"};
  EXPECT_EQ(status_of(facts, "sudo"), FindingStatus::kWarn);
  facts.sudo.passwordless_rule = "/etc/sudoers:3";
  EXPECT_EQ(status_of(facts, "sudo"), FindingStatus::kWarn);  // no_new_privs blocks sudo
  facts.status.no_new_privs = false;
  const Finding sudo = find(assess(facts), "sudo");
  EXPECT_EQ(sudo.status, FindingStatus::kFail);
  EXPECT_NE(sudo.evidence.find("/etc/sudoers:3"), std::string::npos);
}

TEST(Assess, WritableSensitivePathsAndReachableSocketsFail) {
  AuditFacts facts = dropped_app();
  facts.writable_sensitive = {"/usr/local/bin"};
  facts.unreachable_sockets = {"/run/podman/podman.sock (Permission denied)"};
  EXPECT_EQ(status_of(facts, "writable_sensitive"), FindingStatus::kFail);
  EXPECT_EQ(status_of(facts, "runtime_socket"), FindingStatus::kPass);
  facts.reachable_sockets = {"/var/run/docker.sock"};
  const Finding socket = find(assess(facts), "runtime_socket");
  EXPECT_EQ(socket.status, FindingStatus::kFail);
  EXPECT_NE(socket.summary.find("/var/run/docker.sock"), std::string::npos);
}

TEST(Assess, NoLsmAndNoSeccompWarn) {
  AuditFacts facts = dropped_app();
  facts.lsm_name = "";
  facts.status.seccomp_mode = 0;
  EXPECT_EQ(status_of(facts, "lsm"), FindingStatus::kWarn);
  EXPECT_EQ(status_of(facts, "seccomp"), FindingStatus::kWarn);
  facts.lsm_name = "selinux";
  facts.lsm_label = "system_u:system_r:spc_t:s0";
  EXPECT_EQ(status_of(facts, "lsm"), FindingStatus::kWarn);
  facts.lsm_label = "system_u:system_r:container_t:s0:c1,c2";
  EXPECT_EQ(status_of(facts, "lsm"), FindingStatus::kPass);
  facts.lsm_name = "apparmor";
  facts.lsm_label = "unconfined";
  EXPECT_EQ(status_of(facts, "lsm"), FindingStatus::kWarn);
}

TEST(CheckExitStatus, StrictTurnsWarnsIntoOne) {
  std::vector<Finding> warned = {{"a", FindingStatus::kPass, "", "", ""},
                                 {"b", FindingStatus::kWarn, "", "", ""},
                                 {"c", FindingStatus::kSkip, "", "", ""}};
  EXPECT_EQ(check_exit_status(warned, false), 0);
  EXPECT_EQ(check_exit_status(warned, true), 1);
  EXPECT_EQ(overall_status({{"c", FindingStatus::kSkip, "", "", ""}}), FindingStatus::kPass);
}

}  // namespace
}  // namespace unroot
