#include "ownership/home_dir.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fork_probe.h"

namespace unroot {
namespace {

constexpr uid_t kNobody = 65534;

// Runs usable_home({home}) as uid 65534 with TMPDIR=tmp; the child prints the result.
std::string home_as_nobody(const std::string& home, const std::string& tmp) {
  auto child = testing::run_in_child([&](int out) {
    if (setenv("TMPDIR", tmp.c_str(), 1) != 0 || setresgid(kNobody, kNobody, kNobody) != 0 ||
        setresuid(kNobody, kNobody, kNobody) != 0) {
      return 2;
    }
    testing::write_text(out, usable_home({home}));
    return 0;
  });
  EXPECT_EQ(child.status, 0) << child.err;
  return child.out;
}

struct HomeDir : ::testing::Test {
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to become uid 65534";
    ASSERT_EQ(chmod(tmp.path().c_str(), 01777), 0);
  }
  testing::TempDir tmp;
  testing::TempDir home;
  std::string mine = tmp.path() + "/unroot-home-65534";
};

TEST_F(HomeDir, AWritableHomeIsKept) {
  ASSERT_EQ(chown(home.path().c_str(), kNobody, kNobody), 0);
  EXPECT_EQ(home_as_nobody(home.path(), tmp.path()), home.path());
  EXPECT_NE(access(mine.c_str(), F_OK), 0);
}

TEST_F(HomeDir, AHomeTheUserCannotWriteBecomesAPrivateDirectoryReusedLater) {
  EXPECT_EQ(home_as_nobody(home.path(), tmp.path()), mine);
  struct stat st {};
  ASSERT_EQ(lstat(mine.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, kNobody);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_EQ(home_as_nobody("/", tmp.path()), mine);
  EXPECT_EQ(home_as_nobody("", tmp.path()), mine);
}

TEST_F(HomeDir, SomeoneElsesDirectoryOfThatNameIsNeverReused) {
  ASSERT_EQ(mkdir(mine.c_str(), 0700), 0);  // root's, planted first
  std::string got = home_as_nobody(home.path(), tmp.path());
  EXPECT_EQ(got.rfind(mine + "-", 0), 0u) << got;
  struct stat st {};
  ASSERT_EQ(lstat(got.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, kNobody);
  ASSERT_EQ(rmdir(got.c_str()), 0);
  ASSERT_EQ(rmdir(mine.c_str()), 0);
  ASSERT_EQ(symlink(home.path().c_str(), mine.c_str()), 0);  // a link is not a directory
  got = home_as_nobody(home.path(), tmp.path());
  EXPECT_EQ(got.rfind(mine + "-", 0), 0u) << got;
  rmdir(got.c_str());
}

TEST_F(HomeDir, NowhereToWriteKeepsTheHome) {
  ASSERT_EQ(chmod(tmp.path().c_str(), 0755), 0);
  EXPECT_EQ(home_as_nobody(home.path(), tmp.path()), home.path());
}

}  // namespace
}  // namespace unroot
