#include "launch/become_user.h"

#include <grp.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "fork_probe.h"

namespace unroot {
namespace {

using testing::RecordingReporter;

class BecomeUser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root";
    // app's home exists and is app's, reachable by app.
    ASSERT_EQ(chmod(dir_.path().c_str(), 0755), 0);
    home_ = dir_.path() + "/home-app";
    ASSERT_EQ(mkdir(home_.c_str(), 0755), 0);
    ASSERT_EQ(chown(home_.c_str(), 10001, 10001), 0);
    request_.passwd_path = dir_.write("passwd",
                                      "root:x:0:0:root:/root:/bin/sh\n"
                                      "app:x:10001:10001::" +
                                          home_ + ":/bin/sh\n");
    request_.group_path = dir_.write("group", "root:x:0:\nusers:x:100:app\napp:x:10001:\n");
    request_.spec = "app";
  }

  // Runs become_user in a child with `env` set; reports ids, HOME,
  // UNROOT_USER, notices and the error, one per line.
  testing::ChildResult run(const std::vector<std::string>& env, uid_t start_uid = 0) {
    return testing::run_in_child([&](int out) {
      for (const auto& kv : env) putenv(const_cast<char*>(kv.c_str()));
      if (start_uid != 0 && setresuid(start_uid, start_uid, start_uid) != 0) return 3;
      RecordingReporter reporter;
      auto r = become_user(request_, reporter);
      const char* home = getenv("HOME");
      const char* override_spec = getenv("UNROOT_USER");
      testing::write_text(out,
                          "uid=" + std::to_string(getuid()) + " gid=" + std::to_string(getgid()) +
                              "\nHOME=" + (home ? home : "<unset>") + "\nUNROOT_USER=" +
                              (override_spec ? override_spec : "<unset>") + "\n" + reporter.lines);
      if (!r.ok()) testing::write_text(out, "error: " + r.error().message() + "\n");
      return r.ok() ? 0 : 1;
    });
  }

  testing::TempDir dir_;
  std::string home_;
  BecomeUserRequest request_;
};

TEST_F(BecomeUser, BecomesTheSpecAndSetsHome) {
  auto r = run({"HOME=/inherited"});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("uid=10001 gid=10001\nHOME=" + home_ + "\n"), std::string::npos) << r.out;
}

TEST_F(BecomeUser, AHomeTheTargetCannotWriteGivesAPrivateOne) {
  ASSERT_EQ(chown(home_.c_str(), 0, 0), 0);
  const std::string tmp = dir_.path() + "/tmp";
  ASSERT_EQ(mkdir(tmp.c_str(), 0755), 0);
  ASSERT_EQ(chmod(tmp.c_str(), 01777), 0);
  auto r = run({"HOME=/inherited", "TMPDIR=" + tmp});
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string private_home = tmp + "/unroot-home-10001";
  EXPECT_NE(r.out.find("uid=10001 gid=10001\nHOME=" + private_home + "\n"), std::string::npos)
      << r.out;
  struct stat st {};
  ASSERT_EQ(lstat(private_home.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 10001u);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
}

TEST_F(BecomeUser, UnrootUserOverridesAndIsRemoved) {
  auto r = run({"UNROOT_USER=root"});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("uid=0 gid=0\nHOME=/root\nUNROOT_USER=<unset>\n"), std::string::npos)
      << r.out;
}

TEST_F(BecomeUser, CompatModesIgnoreUnrootUser) {
  request_.honor_unroot_user = false;
  auto r = run({"UNROOT_USER=root"});
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("uid=10001 gid=10001\nHOME=" + home_ + "\nUNROOT_USER=root\n"),
            std::string::npos)
      << r.out;
}

TEST_F(BecomeUser, UnknownUserChangesNothing) {
  request_.spec = "bogus";
  auto r = run({"HOME=/inherited"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("uid=0 gid=0\nHOME=/inherited\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("error: cannot resolve user spec \"bogus\": no user \"bogus\""),
            std::string::npos)
      << r.out;
}

TEST_F(BecomeUser, UnprivilegedStartKeepsItsIdentityWithANotice) {
  auto r = run({"HOME=/inherited"}, 4321);
  ASSERT_EQ(r.status, 0) << r.out;
  // uid 4321 has no passwd entry and may not write app's home: a private one.
  size_t home = r.out.find("HOME=/tmp/unroot-home-");
  EXPECT_NE(home, std::string::npos) << r.out;
  if (home != std::string::npos)
    rmdir(r.out.substr(home + 5, r.out.find('\n', home) - home - 5).c_str());
  EXPECT_NE(r.out.find("not root: keeping it instead of \"app\" (10001:10001)"), std::string::npos)
      << r.out;
}

TEST_F(BecomeUser, UnprivilegedStartAsTheSpecSaysNothing) {
  auto r = testing::run_in_child([&](int out) {
    if (setgroups(0, nullptr) != 0 || setresgid(10001, 10001, 10001) != 0 ||
        setresuid(10001, 10001, 10001) != 0) {
      return 3;
    }
    RecordingReporter reporter;
    auto ok = become_user(request_, reporter);
    testing::write_text(
        out, std::string(ok.ok() ? "ok" : "failed") + "|" + reporter.lines + "|" + getenv("HOME"));
    return 0;
  });
  EXPECT_EQ(r.out, "ok||" + home_);
}

TEST_F(BecomeUser, UnprivilegedStartWithUnknownSpecIsOnlyANotice) {
  request_.spec = "bogus";
  auto r = run({}, 4321);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("started as uid 4321, keeping it (no user \"bogus\""), std::string::npos)
      << r.out;
}

TEST_F(BecomeUser, CompatModesFailWhenUnprivileged) {
  request_.keep_identity_when_unprivileged = false;
  auto r = run({}, 4321);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("error: failed switching to \"app\": operation not permitted"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace unroot

namespace unroot {
namespace {

class ArbitraryUid : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to become an arbitrary uid";
    request_.passwd_path = dir_.write("passwd",
                                      "root:x:0:0:root:/root:/bin/sh\n"
                                      "app:x:10001:10001::" +
                                          dir_.path() + "/home:/bin/ash",
                                      0664);
    request_.group_path = dir_.write("group", "root:x:0:\napp:x:10001:\n");
    request_.spec = "app";
    mkdir((dir_.path() + "/home").c_str(), 0775);
    chmod((dir_.path() + "/home").c_str(), 0775);
  }

  // Becomes `uid`:0 (OpenShift's arbitrary uid, group root) and runs become_user.
  testing::ChildResult run(uid_t uid) {
    return testing::run_in_child([&](int out) {
      gid_t root_group = 0;
      if (setgroups(1, &root_group) != 0 || setresgid(0, 0, 0) != 0 ||
          setresuid(uid, uid, uid) != 0) {
        return 3;
      }
      SilentReporter reporter;
      auto r = become_user(request_, reporter);
      testing::write_text(out, std::string("HOME=") + getenv("HOME") + "\n");
      return r.ok() ? 0 : 1;
    });
  }

  testing::TempDir dir_;
  BecomeUserRequest request_;
};

TEST_F(ArbitraryUid, GroupWritablePasswdGetsAnEntryAndHomeIsTheUsers) {
  auto r = run(12345);
  ASSERT_EQ(r.status, 0) << r.out;
  std::string text = testing::read_file(request_.passwd_path);
  EXPECT_NE(
      text.find("/bin/ash\napp:x:12345:0:app (uid 12345):" + dir_.path() + "/home:/bin/ash\n"),
      std::string::npos)
      << text;
  EXPECT_EQ(r.out, "HOME=" + dir_.path() + "/home\n");
}

TEST_F(ArbitraryUid, ReadOnlyPasswdIsLeftAndHomeIsPrivate) {
  chmod(request_.passwd_path.c_str(), 0644);
  chmod((dir_.path() + "/home").c_str(), 0755);
  auto r = run(12345);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind("HOME=/tmp/unroot-home-", 0), 0u) << r.out;
  rmdir(r.out.substr(5, r.out.size() - 6).c_str());
  EXPECT_EQ(testing::read_file(request_.passwd_path).find("12345"), std::string::npos);
}

}  // namespace
}  // namespace unroot
