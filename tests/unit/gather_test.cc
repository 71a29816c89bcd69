#include "audit/gather.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "base/unique_fd.h"
#include "fork_probe.h"

namespace unroot {
namespace {

using testing::run_in_child;
using testing::TempDir;
using testing::write_text;

TEST(FindSetuidPrograms, ListsRunnableSetuidAndSetgidFilesWithTheirPaths) {
  TempDir dir;
  ASSERT_EQ(mkdir((dir.path() + "/bin").c_str(), 0755), 0);
  dir.write("bin/su", "#!/bin/sh\n", 04755);
  dir.write("bin/wall", "#!/bin/sh\n", 02755);
  dir.write("bin/plain", "#!/bin/sh\n", 0755);
  dir.write("bin/not-executable", "data\n", 04644);
  auto scan = find_setuid_programs(dir.path(), 2);
  ASSERT_TRUE(scan) << scan.error().message();
  ASSERT_EQ(scan->files.size(), 2u);
  EXPECT_EQ(scan->files[0].path, dir.path() + "/bin/su");
  EXPECT_EQ(scan->files[0].mode & 07777, 04755u);
  EXPECT_EQ(scan->files[1].path, dir.path() + "/bin/wall");
  EXPECT_GE(scan->scanned, 6u);
}

TEST(FindSetuidPrograms, AnUnreadableDirectoryIsCountedNotFatal) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to switch to an unprivileged uid";
  TempDir dir;
  ASSERT_EQ(chmod(dir.path().c_str(), 0755), 0);
  ASSERT_EQ(mkdir((dir.path() + "/secret").c_str(), 0700), 0);
  dir.write("secret/su", "x", 04755);
  dir.write("open-su", "x", 04755);
  auto child = run_in_child([&](int out) {
    if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0) return 99;
    auto scan = find_setuid_programs(dir.path(), 1);
    if (!scan) return 98;
    write_text(out, std::to_string(scan->files.size()) + " " + std::to_string(scan->unreadable));
    return 0;
  });
  EXPECT_EQ(child.status, 0);
  EXPECT_EQ(child.out, "1 1");
}

TEST(WritablePaths, UsesTheCallersOwnIdsAndCapabilities) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to switch to an unprivileged uid";
  TempDir dir;
  ASSERT_EQ(chmod(dir.path().c_str(), 0755), 0);
  std::string root_only = dir.write("passwd", "x", 0644);
  std::string everyone = dir.write("open", "x", 0666);
  std::string missing = dir.path() + "/missing";
  EXPECT_EQ(writable_paths({root_only, everyone, missing}),
            (std::vector<std::string>{root_only, everyone}));
  auto child = run_in_child([&](int out) {
    if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0) return 99;
    for (const std::string& path : writable_paths({root_only, everyone, missing})) {
      write_text(out, path + "\n");
    }
    return 0;
  });
  EXPECT_EQ(child.out, everyone + "\n");
}

TEST(SocketMounts, FindsBindMountedRuntimeSocketsAnywhere) {
  std::string mountinfo =
      "600 500 0:50 / / rw,relatime - overlay overlay rw\n"
      "610 600 0:5 /docker.sock /var/run/docker.sock rw - tmpfs tmpfs rw\n"
      "611 600 0:5 /podman.sock /srv/my\\040dir/podman.sock rw - tmpfs tmpfs rw\n"
      "612 600 0:5 /x /var/run/other.sock rw - tmpfs tmpfs rw\n";
  EXPECT_EQ(socket_mounts(mountinfo),
            (std::vector<std::string>{"/var/run/docker.sock", "/srv/my dir/podman.sock"}));
  EXPECT_TRUE(socket_mounts("garbage\n\n1 2 3\n").empty());
}

TEST(ProbeSockets, ConnectableOrRefusedWithTheReason) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to switch to an unprivileged uid";
  TempDir dir;
  ASSERT_EQ(chmod(dir.path().c_str(), 0755), 0);
  std::string path = dir.path() + "/docker.sock";
  UniqueFd listener(socket(AF_UNIX, SOCK_STREAM, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  memcpy(address.sun_path, path.c_str(), path.size() + 1);
  ASSERT_EQ(bind(listener.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener.get(), 8), 0);
  ASSERT_EQ(chmod(path.c_str(), 0660), 0);
  std::vector<std::string> reachable, refused;
  probe_sockets({path, dir.path() + "/absent.sock"}, reachable, refused);
  EXPECT_EQ(reachable, std::vector<std::string>{path});
  EXPECT_TRUE(refused.empty());
  auto child = run_in_child([&](int out) {
    if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0) return 99;
    std::vector<std::string> ok, no;
    probe_sockets({path}, ok, no);
    write_text(out, std::to_string(ok.size()) + " " + (no.empty() ? "" : no[0]));
    return 0;
  });
  EXPECT_EQ(child.out, "0 " + path + " (Permission denied)");
}

TEST(InspectSudo, FollowsIncludedirAndDoas) {
  TempDir dir;
  ASSERT_EQ(mkdir((dir.path() + "/etc").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((dir.path() + "/etc/sudoers.d").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((dir.path() + "/usr").c_str(), 0755), 0);
  ASSERT_EQ(mkdir((dir.path() + "/usr/bin").c_str(), 0755), 0);
  dir.write("usr/bin/sudo", "x", 04755);
  dir.write("etc/sudoers", "root ALL=(ALL) ALL\n#includedir /etc/sudoers.d\n", 0440);
  dir.write("etc/sudoers.d/README.txt", "app ALL=(ALL) NOPASSWD: ALL\n", 0440);  // skipped: a dot
  SudoSubject app{"app", 10001, {"app"}, {10001}};
  SudoFacts facts = inspect_sudo(dir.path(), app);
  EXPECT_EQ(facts.programs, std::vector<std::string>{"/usr/bin/sudo"});
  EXPECT_EQ(facts.passwordless_rule, "");
  dir.write("etc/sudoers.d/app", "\napp ALL=(ALL) NOPASSWD: ALL\n", 0440);
  EXPECT_EQ(inspect_sudo(dir.path(), app).passwordless_rule, "/etc/sudoers.d/app:2");
  TempDir doas;
  ASSERT_EQ(mkdir((doas.path() + "/etc").c_str(), 0755), 0);
  doas.write("etc/doas.conf", "permit nopass app\n");
  EXPECT_EQ(inspect_sudo(doas.path(), app).passwordless_rule, "/etc/doas.conf:1");
}

TEST(GatherFacts, DescribesThisProcess) {
  auto facts = gather_facts({false, 1});
  ASSERT_TRUE(facts) << facts.error().message();
  EXPECT_EQ(facts->status.uid[1], geteuid());
  EXPECT_FALSE(facts->setuid.has_value());
  ASSERT_FALSE(facts->groups.empty());
  EXPECT_EQ(facts->groups[0].first, getegid());
  ASSERT_TRUE(facts->uid_map.has_value());
}

}  // namespace
}  // namespace unroot
