#include "ownership/remap.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "fork_probe.h"
#include "ownership/prepare.h"

namespace unroot {
namespace {

using testing::RecordingReporter;

struct stat lstat_of(const std::string& path) {
  struct stat st {};
  lstat(path.c_str(), &st);
  return st;
}

/// An image in a temporary directory: account files, the app's home with
/// files of its own, a root-owned file, a link out of the home.
class Remap : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "remapping changes owners: needs root";
    passwd_ = dir_.write("passwd",
                         "root:x:0:0:root:/root:/bin/sh\n"
                         "app:x:10001:10001::" +
                             dir_.path() +
                             "/home:/bin/sh\n"
                             "taken:x:4242:4242::/:/bin/false\n");
    group_ = dir_.write("group", "root:x:0:\nusers:x:100:app\napp:x:10001:\n");
    home_ = dir_.path() + "/home";
    mkdir(home_.c_str(), 0750);
    chown(home_.c_str(), 10001, 10001);
    own("data", 0600);
    own("tool", 04750);
    dir_.write("home/roots", "r\n");
    outside_ = dir_.write("outside", "o\n");
    chown(outside_.c_str(), 10001, 10001);
    symlink(outside_.c_str(), (home_ + "/link").c_str());
    lchown((home_ + "/link").c_str(), 10001, 10001);
    request_.prepared_path = dir_.path() + "/prepared";
  }

  void own(const std::string& name, int mode) {
    std::string file = dir_.write("home/" + name, name + "\n");
    chown(file.c_str(), 10001, 10001);
    chmod(file.c_str(), static_cast<mode_t>(mode));
  }

  Result<Identity> remap() {
    auto db = AccountDb::load(passwd_, group_);
    auto target = resolve_user_spec("app", *db, Caller{0, 0});
    return remap_user(request_, *target, *db, reporter_);
  }

  testing::TempDir dir_;
  std::string passwd_, group_, home_, outside_;
  RemapRequest request_;
  RecordingReporter reporter_;
};

TEST_F(Remap, NothingAskedNothingChanged) {
  auto id = remap();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(describe_identity(*id), "10001:10001:100,10001");  // groups come back sorted
  EXPECT_EQ(reporter_.lines, "");
}

TEST_F(Remap, ChownModeChangesExactlyTheOldOwnersFilesThenTheAccounts) {
  request_.uid = 5001;
  request_.gid = 5002;
  auto id = remap();
  ASSERT_TRUE(id.ok()) << id.error().message();
  EXPECT_EQ(describe_identity(*id), "5001:5002:100,5002");
  for (const char* name : {"", "/data", "/tool", "/link"}) {
    struct stat st = lstat_of(home_ + name);
    EXPECT_EQ(st.st_uid, 5001u) << name;
    EXPECT_EQ(st.st_gid, 5002u) << name;
  }
  EXPECT_EQ(lstat_of(home_ + "/tool").st_mode & 07777, 04750u);
  EXPECT_EQ(lstat_of(home_ + "/roots").st_uid, 0u);
  EXPECT_EQ(lstat_of(outside_).st_uid, 10001u);
  EXPECT_NE(testing::read_file(passwd_).find("app:x:5001:5002::"), std::string::npos);
  EXPECT_NE(testing::read_file(passwd_).find("taken:x:4242:4242::"), std::string::npos);
  EXPECT_EQ(testing::read_file(group_), "root:x:0:\nusers:x:100:app\napp:x:5002:\n");
  EXPECT_NE(reporter_.lines.find("remapped app to 5001:5002: 4 files changed"), std::string::npos)
      << reporter_.lines;
}

TEST_F(Remap, ASecondStartChangesNothing) {
  request_.uid = 5001;
  ASSERT_TRUE(remap().ok());
  std::string passwd = testing::read_file(passwd_);
  reporter_.lines.clear();
  auto again = remap();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->uid, 5001u);
  EXPECT_EQ(reporter_.lines, "");
  EXPECT_EQ(testing::read_file(passwd_), passwd);
}

TEST_F(Remap, PreparedUserTouchesNoFileAndKeepsTheOldGroup) {
  auto db = AccountDb::load(passwd_, group_);
  RecordingReporter quiet;
  ASSERT_TRUE(prepare_user({"app", {home_}, request_.prepared_path}, *db, quiet).ok());
  struct stat before = lstat_of(home_ + "/data");
  EXPECT_EQ(before.st_mode & 0777, 0660u);
  request_.uid = 5001;
  request_.gid = 5002;
  auto id = remap();
  ASSERT_TRUE(id.ok()) << id.error().message();
  EXPECT_EQ(describe_identity(*id), "5001:5002:100,5002,10001");
  struct stat after = lstat_of(home_ + "/data");
  EXPECT_EQ(after.st_uid, 10001u);
  EXPECT_EQ(after.st_ctim.tv_nsec, before.st_ctim.tv_nsec);
  EXPECT_NE(testing::read_file(passwd_).find("app:x:5001:5002::"), std::string::npos);
}

TEST_F(Remap, APreparedUserKeepsItsGroupOnLaterStartsWhateverTheyAsk) {
  auto db = AccountDb::load(passwd_, group_);
  RecordingReporter quiet;
  ASSERT_TRUE(prepare_user({"app", {home_}, request_.prepared_path}, *db, quiet).ok());
  request_.uid = 5001;
  request_.gid = 5002;
  ASSERT_TRUE(remap().ok());
  // The same container started again: /etc/passwd now says 5001:5002.
  auto same = remap();
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(describe_identity(*same), "5001:5002:100,5002,10001");
  // Started again with nothing asked, or with other ids.
  std::string prepared_path = request_.prepared_path;
  request_ = RemapRequest{};
  request_.prepared_path = prepared_path;
  auto nothing = remap();
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(describe_identity(*nothing), "5001:5002:100,5002,10001");
  request_.uid = 6001;
  request_.gid = 6002;
  auto other = remap();
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(describe_identity(*other), "6001:6002:100,6002,10001");
  EXPECT_EQ(lstat_of(home_ + "/data").st_uid, 10001u);
}

TEST_F(Remap, UidFromTakesTheOwnerOfAPath) {
  std::string volume = dir_.path() + "/volume";
  mkdir(volume.c_str(), 0755);
  chown(volume.c_str(), 6001, 6002);
  request_.uid_from = volume;
  auto id = remap();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->uid, 6001u);
  EXPECT_EQ(id->gid, 6002u);
}

TEST_F(Remap, RootOwnedPathLeavesTheIdsWithANotice) {
  request_.uid_from = dir_.path() + "/home/roots";
  auto id = remap();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->uid, 10001u);
  EXPECT_NE(reporter_.lines.find("root's ids are never taken, ids left as they are"),
            std::string::npos)
      << reporter_.lines;
  EXPECT_EQ(lstat_of(home_ + "/data").st_uid, 10001u);
}

TEST_F(Remap, NeverToRoot) {
  request_.uid = 0;
  auto id = remap();
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message().find("uid and gid 0 belong to root"), std::string::npos);
  EXPECT_EQ(lstat_of(home_ + "/data").st_uid, 10001u);
}

TEST_F(Remap, ATakenUidIsKeptWithANotice) {
  request_.uid = 4242;
  auto id = remap();
  ASSERT_TRUE(id.ok());
  EXPECT_NE(reporter_.lines.find("uid 4242 also belongs to \"taken\""), std::string::npos);
  EXPECT_NE(testing::read_file(passwd_).find("taken:x:4242:4242::"), std::string::npos);
}

TEST_F(Remap, AUidWithoutEntryCannotBeRemapped) {
  auto db = AccountDb::load(passwd_, group_);
  auto target = resolve_user_spec("7777", *db, Caller{0, 0});
  request_.uid = 5001;
  auto id = remap_user(request_, *target, *db, reporter_);
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message().find("no entry in"), std::string::npos);
}

TEST_F(Remap, PreparedForArbitraryUidsGroupZeroOwnsTheFilesAndStaysWithARemap) {
  auto db = AccountDb::load(passwd_, group_);
  ASSERT_EQ(chmod(passwd_.c_str(), 0644), 0);
  RecordingReporter reporter;
  PrepareRequest prepare{"app", {home_}, request_.prepared_path, true};
  ASSERT_TRUE(prepare_user(prepare, *db, reporter).ok());
  struct stat data = lstat_of(home_ + "/data");
  EXPECT_EQ(data.st_gid, 0u);
  EXPECT_EQ(data.st_mode & 0777, 0660u);
  EXPECT_EQ(lstat_of(home_ + "/roots").st_mode & 0777, 0644u);
  // The start of an arbitrary uid in group 0 may append its entry.
  struct stat passwd = lstat_of(passwd_);
  EXPECT_EQ(passwd.st_gid, 0u);
  EXPECT_EQ(passwd.st_mode & 07777, 0664u);
  EXPECT_EQ(testing::read_file(request_.prepared_path), "app 10001 10001 0\n");
  EXPECT_NE(
      reporter.lines.find("prepared app (10001:10001) for arbitrary uids, its files to group 0"),
      std::string::npos)
      << reporter.lines;
  // Not remapped, app needs no group 0: it owns its files.
  auto same = remap();
  ASSERT_TRUE(same.ok()) << same.error().message();
  EXPECT_EQ(describe_identity(*same), "10001:10001:100,10001");
  request_.uid = 5001;
  request_.gid = 5002;
  auto id = remap();
  ASSERT_TRUE(id.ok()) << id.error().message();
  EXPECT_EQ(describe_identity(*id), "5001:5002:0,100,5002");
}

TEST_F(Remap, PreparingForArbitraryUidsWithAPasswdLinkChangesNothing) {
  std::string real = passwd_ + ".real";
  ASSERT_EQ(rename(passwd_.c_str(), real.c_str()), 0);
  ASSERT_EQ(symlink(real.c_str(), passwd_.c_str()), 0);
  auto db = AccountDb::load(passwd_, group_);
  ASSERT_TRUE(db.ok());
  struct stat before = lstat_of(home_ + "/data");
  RecordingReporter reporter;
  auto prepared =
      prepare_user(PrepareRequest{"app", {home_}, request_.prepared_path, true}, *db, reporter);
  ASSERT_FALSE(prepared.ok());
  EXPECT_EQ(prepared.error().message(),
            "cannot open " + passwd_ +
                " to group 0: it is not a regular file (make it one before "
                "this step)");
  struct stat after = lstat_of(home_ + "/data");
  EXPECT_EQ(after.st_gid, before.st_gid);
  EXPECT_EQ(after.st_mode, before.st_mode);
  EXPECT_EQ(testing::read_file(request_.prepared_path), "");
}

TEST_F(Remap, PrepareSetsGroupAndGroupBitsOnlyOnTheUsersFiles) {
  auto db = AccountDb::load(passwd_, group_);
  chown((home_ + "/data").c_str(), 10001, 100);
  RecordingReporter reporter;
  ASSERT_TRUE(prepare_user({"app", {home_}, request_.prepared_path}, *db, reporter).ok());
  struct stat data = lstat_of(home_ + "/data");
  EXPECT_EQ(data.st_gid, 10001u);
  EXPECT_EQ(data.st_mode & 0777, 0660u);
  EXPECT_EQ(lstat_of(home_ + "/tool").st_mode & 07777, 04770u);
  EXPECT_EQ(lstat_of(home_ + "/roots").st_mode & 0777, 0644u);
  EXPECT_EQ(lstat_of(outside_).st_mode & 0777, 0644u);
  EXPECT_EQ(testing::read_file(request_.prepared_path), "app 10001 10001\n");
  EXPECT_NE(reporter.lines.find("prepared app (10001:10001): 3 of"), std::string::npos)
      << reporter.lines;
  RecordingReporter root_reporter;
  EXPECT_FALSE(prepare_user({"root", {}, request_.prepared_path}, *db, root_reporter).ok());
}

}  // namespace
}  // namespace unroot
