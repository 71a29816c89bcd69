#include "ownership/tree_walk.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <set>

#include "fork_probe.h"

namespace unroot {
namespace {

TEST(TreeWalk, VisitsEveryEntryOnceNeverFollowingLinks) {
  testing::TempDir dir;
  testing::TempDir outside;
  outside.write("secret", "s\n");
  ASSERT_EQ(mkdir((dir.path() + "/sub").c_str(), 0755), 0);
  std::string file = dir.write("sub/file", "f\n");
  ASSERT_EQ(link(file.c_str(), (dir.path() + "/hardlink").c_str()), 0);
  ASSERT_EQ(symlink(outside.path().c_str(), (dir.path() + "/to-outside").c_str()), 0);
  std::multiset<std::string> seen;
  auto walked = walk_tree(dir.path(), [&](int, const char* name, const struct stat& st) -> Status {
    seen.insert(std::string(name) + (S_ISLNK(st.st_mode) ? "@" : ""));
    return Ok{};
  });
  ASSERT_TRUE(walked.ok()) << walked.error().message();
  // The root, sub, one of the two names of the hard-linked file, the link itself.
  EXPECT_EQ(walked->scanned, 4u);
  EXPECT_EQ(seen.count("sub"), 1u);
  EXPECT_EQ(seen.count("file") + seen.count("hardlink"), 1u);
  EXPECT_EQ(seen.count("to-outside@"), 1u);
  EXPECT_EQ(seen.count("secret"), 0u);
}

TEST(TreeWalk, StaysOnTheRootsFileSystem) {
  // /dev/shm is a tmpfs mounted below /dev on Docker hosts and in containers:
  // neither a file planted there nor /dev/shm itself (the tmpfs's root, which
  // a chown would change) is reached from /dev.
  struct stat dev {
  }, shm{};
  if (stat("/dev", &dev) != 0 || stat("/dev/shm", &shm) != 0 || dev.st_dev == shm.st_dev) {
    GTEST_SKIP() << "no separate file system under /dev here";
  }
  std::string probe = "unroot-walk-probe-" + std::to_string(getpid());
  std::string probe_path = "/dev/shm/" + probe;
  FILE* f = fopen(probe_path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fclose(f);
  bool saw_shm = false, saw_probe = false;
  auto walked = walk_tree("/dev", [&](int, const char* name, const struct stat&) -> Status {
    saw_shm = saw_shm || std::string(name) == "shm";
    saw_probe = saw_probe || name == probe;
    return Ok{};
  });
  unlink(probe_path.c_str());
  ASSERT_TRUE(walked.ok()) << walked.error().message();
  EXPECT_FALSE(saw_shm);
  EXPECT_FALSE(saw_probe);
}

TEST(TreeWalk, LeavesABindMountOfTheSameFileSystemAlone) {
  // Same st_dev on both sides (rootless Podman's vfs storage, a volume on the
  // root's disk): only the mount tells the bind-mounted folder apart.
  testing::TempDir dir;
  testing::TempDir host;
  host.write("host-file", "h\n");
  dir.write("own-file", "o\n");
  ASSERT_EQ(mkdir((dir.path() + "/mnt").c_str(), 0755), 0);
  auto child = testing::run_in_child([&](int out) {
    if (unshare(CLONE_NEWNS) != 0 ||
        mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        mount(host.path().c_str(), (dir.path() + "/mnt").c_str(), nullptr, MS_BIND, nullptr) != 0) {
      testing::write_text(out, "no mount namespace here");
      return 0;
    }
    // Emulators (qemu-user) may not pass the mount id through.
    struct statx top {
    }, mnt{};
    if (statx(AT_FDCWD, dir.path().c_str(), 0, STATX_MNT_ID, &top) != 0 ||
        statx(AT_FDCWD, (dir.path() + "/mnt").c_str(), 0, STATX_MNT_ID, &mnt) != 0 ||
        !(top.stx_mask & mnt.stx_mask & STATX_MNT_ID) || top.stx_mnt_id == mnt.stx_mnt_id) {
      testing::write_text(out, "no mount ids here");
      return 0;
    }
    std::string seen;
    std::mutex mu;
    auto walked = walk_tree(dir.path(), [&](int, const char* name, const struct stat&) -> Status {
      std::lock_guard lock(mu);
      seen += std::string(name) + " ";
      return Ok{};
    });
    testing::write_text(out, walked.ok() ? seen : walked.error().message());
    return 0;
  });
  if (child.out == "no mount namespace here" || child.out == "no mount ids here") {
    GTEST_SKIP() << child.out;
  }
  EXPECT_NE(child.out.find("own-file "), std::string::npos) << child.out;
  EXPECT_EQ(child.out.find("mnt "), std::string::npos) << child.out;
  EXPECT_EQ(child.out.find("host-file "), std::string::npos) << child.out;
}

TEST(TreeWalk, ManyThreadsVisitEachEntryExactlyOnce) {
  // 40 x 20 directories: more than the walk queues, so threads also walk
  // subdirectories inline.
  testing::TempDir dir;
  std::set<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    std::string a = "a" + std::to_string(i);
    ASSERT_EQ(mkdir((dir.path() + "/" + a).c_str(), 0755), 0);
    expected.insert(a);
    for (int j = 0; j < 20; ++j) {
      std::string b = a + "/b" + std::to_string(j);
      ASSERT_EQ(mkdir((dir.path() + "/" + b).c_str(), 0755), 0);
      dir.write(b + "/f", "");
      expected.insert("b" + std::to_string(j) + "@" + a);
    }
  }
  std::mutex mu;
  std::multiset<std::string> seen;
  auto walked = walk_tree(
      dir.path(),
      [&](int dir_fd, const char* name, const struct stat& st) -> Status {
        char link[64], parent[4096] = {};
        snprintf(link, sizeof link, "/proc/self/fd/%d", dir_fd);
        ssize_t n = readlink(link, parent, sizeof parent - 1);
        std::string p = n > 0 ? std::string(parent, static_cast<size_t>(n)) : "";
        std::string key = name;
        if (key[0] == 'b') key += "@" + p.substr(p.rfind('/') + 1);
        std::lock_guard lock(mu);
        if (S_ISDIR(st.st_mode)) seen.insert(key);
        return Ok{};
      },
      4);
  ASSERT_TRUE(walked.ok()) << walked.error().message();
  EXPECT_EQ(walked->scanned, 1u + 40u + 40u * 20u * 2u);
  seen.erase(seen.find(dir.path().substr(dir.path().rfind('/') + 1)));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);
  EXPECT_EQ(seen.size(), expected.size());
}

TEST(TreeWalk, VisitorErrorsStopTheWalk) {
  testing::TempDir dir;
  dir.write("a", "");
  dir.write("b", "");
  int visits = 0;
  auto walked = walk_tree(dir.path(), [&](int, const char*, const struct stat&) -> Status {
    if (++visits == 2) return Error{"stop", "asked to", ""};
    return Ok{};
  });
  ASSERT_FALSE(walked.ok());
  EXPECT_EQ(visits, 2);
}

TEST(TreeWalk, MissingRootIsAnError) {
  auto walked = walk_tree("/nonexistent/root",
                          [](int, const char*, const struct stat&) { return Status(Ok{}); });
  ASSERT_FALSE(walked.ok());
  EXPECT_NE(walked.error().message().find("cannot walk"), std::string::npos);
}

}  // namespace
}  // namespace unroot
