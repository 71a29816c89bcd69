#include "identity/account_db.h"

#include <gtest/gtest.h>

#include "fork_probe.h"

namespace unroot {
namespace {

TEST(AccountDb, ParsesOrdinaryEntries) {
  auto db =
      AccountDb::parse("root:x:0:0:root:/root:/bin/sh\napp:x:10001:10002::/home/app:/bin/sh\n",
                       "root:x:0:\nusers:x:100:games,app\n");
  ASSERT_EQ(db.users().size(), 2u);
  const PasswdEntry* app = db.user_by_name("app");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->uid, 10001u);
  EXPECT_EQ(app->gid, 10002u);
  EXPECT_EQ(app->home, "/home/app");
  EXPECT_EQ(db.user_by_uid(0)->name, "root");
  const GroupEntry* users = db.group_by_gid(100);
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->members, (std::vector<std::string>{"games", "app"}));
}

TEST(AccountDb, SkipsBlankCommentAndNisLines) {
  auto db =
      AccountDb::parse("\n# app:x:1:1::/:/bin/sh\n+app:x:2:2::/:\n-app\n+\n\napp:x:3:3::/h:\n",
                       "\n#g:x:1:\n+g:x:2:\ng:x:3:\n");
  ASSERT_EQ(db.users().size(), 1u);
  EXPECT_EQ(db.user_by_name("app")->uid, 3u);
  ASSERT_EQ(db.groups().size(), 1u);
  EXPECT_EQ(db.group_by_name("g")->gid, 3u);
}

TEST(AccountDb, SkipsLinesWithMissingOrInvalidIds) {
  // Docker's parser would read a missing uid as 0; unroot refuses to guess.
  auto db = AccountDb::parse(
      "short\nnouid:x\nbaduid:x:abc:1::/:\nneg:x:-1:1::/:\nbig:x:4294967295:1::/:\n"
      "badgid:x:5:z::/:\n:x:6:6::/:\nok:x:7:7\n",
      "g1\ng2:x\ng3:x:nope:\ng4:x:4294967295:\n:x:9:\nok:x:8\n");
  ASSERT_EQ(db.users().size(), 1u);
  EXPECT_EQ(db.users()[0].name, "ok");
  EXPECT_EQ(db.users()[0].home, "");
  ASSERT_EQ(db.groups().size(), 1u);
  EXPECT_EQ(db.groups()[0].name, "ok");
  EXPECT_TRUE(db.groups()[0].members.empty());
}

TEST(AccountDb, AcceptsTheLargestValidId) {
  auto db = AccountDb::parse("max:x:4294967294:4294967294::/:\n", "");
  ASSERT_NE(db.user_by_name("max"), nullptr);
  EXPECT_EQ(db.user_by_name("max")->uid, 4294967294u);
}

TEST(AccountDb, FirstDuplicateWins) {
  auto db = AccountDb::parse("app:x:1:1::/a:\napp:x:2:2::/b:\nother:x:1:9::/c:\n",
                             "g:x:5:\ng:x:6:\nh:x:5:\n");
  EXPECT_EQ(db.user_by_name("app")->uid, 1u);
  EXPECT_EQ(db.user_by_uid(1)->name, "app");
  EXPECT_EQ(db.group_by_name("g")->gid, 5u);
  EXPECT_EQ(db.group_by_gid(5)->name, "g");
}

TEST(AccountDb, OverlongLinesDoNotDisturbTheirNeighbours) {
  std::string members;
  for (int i = 0; i < 100000; ++i) members += "member" + std::to_string(i) + ",";
  std::string huge_name(1 << 20, 'n');
  auto db = AccountDb::parse(huge_name + ":x:5:5::/:\napp:x:10001:10001::/home/app:\n",
                             "big:x:100:" + members + "app\nafter:x:200:app\n");
  EXPECT_EQ(db.user_by_name("app")->uid, 10001u);
  EXPECT_EQ(db.user_by_uid(5)->name.size(), huge_name.size());
  ASSERT_NE(db.group_by_name("big"), nullptr);
  EXPECT_EQ(db.group_by_name("big")->members.size(), 100001u);
  EXPECT_EQ(db.group_by_name("after")->gid, 200u);
}

TEST(AccountDb, ToleratesCrLfAndMissingFinalNewline) {
  auto db =
      AccountDb::parse("a:x:1:1::/home/a:/bin/sh\r\nb:x:2:2::/home/b:/bin/sh", "g:x:3:a,b\r\n");
  EXPECT_EQ(db.user_by_name("a")->uid, 1u);
  EXPECT_EQ(db.user_by_name("b")->uid, 2u);
  EXPECT_EQ(db.group_by_name("g")->members, (std::vector<std::string>{"a", "b"}));
}

TEST(AccountDb, LoadTreatsMissingFilesAsEmpty) {
  auto db = AccountDb::load("/nonexistent/passwd", "/nonexistent/group");
  ASSERT_TRUE(db.ok());
  EXPECT_TRUE(db->users().empty());
  EXPECT_TRUE(db->groups().empty());
}

TEST(AccountDb, LoadReadsFilesAndKeepsTheirPaths) {
  testing::TempDir dir;
  std::string passwd = dir.write("passwd", "app:x:10001:10001::/home/app:/bin/sh\n");
  std::string group = dir.write("group", "app:x:10001:\n");
  auto db = AccountDb::load(passwd, group);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db->user_by_name("app")->uid, 10001u);
  EXPECT_EQ(db->passwd_path(), passwd);
  EXPECT_EQ(db->group_path(), group);
}

TEST(AccountDb, LoadReportsAnUnreadableFile) {
  testing::TempDir dir;
  auto db = AccountDb::load(dir.path(), dir.path());  // a directory cannot be read as a file
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.error().message().find("cannot read " + dir.path()), std::string::npos);
}

}  // namespace
}  // namespace unroot
