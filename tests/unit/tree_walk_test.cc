#include "ownership/tree_walk.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
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
  // a file planted there must not be reached from /dev, while /dev/shm
  // itself (an entry of /dev's file system) is.
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
  EXPECT_TRUE(saw_shm);
  EXPECT_FALSE(saw_probe);
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
