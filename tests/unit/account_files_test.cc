#include "ownership/account_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "fork_probe.h"

namespace unroot {
namespace {

constexpr const char* kPasswd =
    "# managed by hand\r\n"
    "root:x:0:0:root:/root:/bin/sh\n"
    "app:x:10001:10001:The App,,,:/home/app:/bin/sh\n"
    "other:x:10002:10002::/home/other:/bin/sh\n"
    "app:x:1:1:duplicate:/:/bin/false";

TEST(AccountFiles, RewritesOnlyTheUsersIdFields) {
  auto out = rewrite_passwd_ids(kPasswd, "app", 4242, 4343);
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(*out,
            "# managed by hand\r\n"
            "root:x:0:0:root:/root:/bin/sh\n"
            "app:x:4242:4343:The App,,,:/home/app:/bin/sh\n"
            "other:x:10002:10002::/home/other:/bin/sh\n"
            "app:x:1:1:duplicate:/:/bin/false");
}

TEST(AccountFiles, SkipsEntriesWithDamagedIds) {
  auto out = rewrite_passwd_ids("app:x:zz:1::/:\napp:x:5:6::/h:\n", "app", 7, 8);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "app:x:zz:1::/:\napp:x:7:8::/h:\n");
}

TEST(AccountFiles, MissingUserOrGroupIsAnError) {
  EXPECT_FALSE(rewrite_passwd_ids(kPasswd, "nobody", 1, 1).ok());
  EXPECT_FALSE(rewrite_passwd_ids(kPasswd, "ap", 1, 1).ok());
  EXPECT_FALSE(rewrite_group_gid("app:x:10001:\n", "users", 5).ok());
}

TEST(AccountFiles, RewritesTheGroupsGidOnly) {
  auto out = rewrite_group_gid("root:x:0:\napp:x:10001:app,other\nusers:x:100:app", "app", 4343);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "root:x:0:\napp:x:4343:app,other\nusers:x:100:app");
  auto short_line = rewrite_group_gid("app:x:10001", "app", 7);
  ASSERT_TRUE(short_line.ok());
  EXPECT_EQ(*short_line, "app:x:7");
}

TEST(AccountFiles, ReplaceKeepsModeAndOwnerAndLeavesNoTemporary) {
  testing::TempDir dir;
  std::string file = dir.write("passwd", "old\n", 0640);
  if (geteuid() == 0) {
    ASSERT_EQ(chown(file.c_str(), 0, 42), 0);
  }
  ASSERT_TRUE(check_replaceable(file).ok());
  ASSERT_TRUE(replace_file(file, "new\n").ok());
  EXPECT_EQ(testing::read_file(file), "new\n");
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  if (geteuid() == 0) {
    EXPECT_EQ(st.st_gid, 42u);
  }
  auto listing = testing::run_program({"/bin/ls", "-A", dir.path()});
  EXPECT_EQ(listing.out, "passwd\n");
}

TEST(AccountFiles, ReplaceRefusesWhatIsNotARegularFile) {
  testing::TempDir dir;
  std::string target = dir.write("real", "x\n");
  std::string link = dir.path() + "/link";
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  EXPECT_FALSE(replace_file(link, "y\n").ok());
  EXPECT_EQ(testing::read_file(target), "x\n");
  EXPECT_FALSE(replace_file(dir.path() + "/missing", "y\n").ok());
}

TEST(AccountFiles, UnwritableDirectoryIsReportedBeforeAnything) {
  // As an unprivileged uid, /etc cannot take the temporary file.
  auto r = testing::run_in_child([](int out) {
    if (geteuid() == 0 && setresuid(65534, 65534, 65534) != 0) return 3;
    Status s = check_replaceable("/etc/passwd");
    testing::write_text(out, s.ok() ? "writable" : s.error().message());
    return 0;
  });
  EXPECT_EQ(
      r.out.rfind("cannot rewrite /etc/passwd: create a file beside it: Permission denied", 0), 0u)
      << r.out;
}

}  // namespace
}  // namespace unroot
