#include "identity/user_spec.h"

#include <gtest/gtest.h>

namespace unroot {
namespace {

// The fixture of the core issue; resolved as root (uid 0, gid 0) calls it.
AccountDb fixture() {
  return AccountDb::parse(
      "root:x:0:0:root:/root:/bin/sh\n"
      "daemon:x:1:1::/usr/sbin:/bin/false\n"
      "games:x:5:60::/usr/games:/bin/false\n"
      "app:x:10001:10001::/home/app:/bin/sh\n",
      "root:x:0:\n"
      "daemon:x:1:\n"
      "games:x:60:\n"
      "users:x:100:games,app\n"
      "app:x:10001:\n");
}

struct Case {
  const char* spec;
  const char* ids;  // uid:gid:groups
  const char* home;
};

class DockerParity : public ::testing::TestWithParam<Case> {};

TEST_P(DockerParity, ResolvesLikeDockerUser) {
  const Case& c = GetParam();
  auto id = resolve_user_spec(c.spec, fixture(), Caller{0, 0});
  ASSERT_TRUE(id.ok()) << id.error().message();
  EXPECT_EQ(describe_identity(*id), c.ids);
  EXPECT_EQ(id->home, c.home);
}

INSTANTIATE_TEST_SUITE_P(
    IssueTable, DockerParity,
    ::testing::Values(Case{"app", "10001:10001:10001,100", "/home/app"},
                      Case{"10001", "10001:10001:10001,100", "/home/app"},
                      Case{"app:daemon", "10001:1:1", "/home/app"},
                      Case{"games", "5:60:60,100", "/usr/games"}, Case{"1234", "1234:0:0", "/"},
                      Case{"1234:app", "1234:10001:10001", "/"},
                      Case{"0:1234", "0:1234:1234", "/root"}, Case{":1", "0:1:1", "/root"},
                      Case{"root:", "0:0:0", "/root"},
                      Case{"app:", "10001:10001:10001,100", "/home/app"},
                      Case{"", "0:0:0", "/root"}, Case{"app:100", "10001:100:100", "/home/app"},
                      Case{"4294967294", "4294967294:0:0", "/"}),
    [](const auto& info) { return "spec" + std::to_string(info.index); });

class Refused : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(Refused, NamesTheSpecAndWhatIsMissing) {
  auto [spec, missing] = GetParam();
  auto id = resolve_user_spec(spec, fixture(), Caller{0, 0});
  ASSERT_FALSE(id.ok());
  std::string message = id.error().message();
  EXPECT_NE(message.find(std::string("\"") + spec + "\""), std::string::npos) << message;
  EXPECT_NE(message.find(missing), std::string::npos) << message;
  EXPECT_EQ(id.error().status, 125);
}

INSTANTIATE_TEST_SUITE_P(IssueTable, Refused,
                         ::testing::Values(std::pair{"bogus", "no user \"bogus\" in /etc/passwd"},
                                           std::pair{"0day", "no user \"0day\""},
                                           std::pair{"0:bogus", "no group \"bogus\" in /etc/group"},
                                           std::pair{"0:0day", "no group \"0day\""},
                                           std::pair{"4294967295", "outside 0..4294967294"},
                                           std::pair{"app:4294967295", "outside 0..4294967294"},
                                           std::pair{"-1", "no user \"-1\""}),
                         [](const auto& info) { return "spec" + std::to_string(info.index); });

TEST(UserSpec, UnknownUidTakesTheCallersGid) {
  auto id = resolve_user_spec("1234", fixture(), Caller{5, 77});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(describe_identity(*id), "1234:77:77");
  EXPECT_EQ(id->user_name, "");
}

TEST(UserSpec, EmptySpecIsTheCaller) {
  auto id = resolve_user_spec("", fixture(), Caller{10001, 10001});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(describe_identity(*id), "10001:10001:10001,100");
  EXPECT_EQ(id->user_name, "app");
  auto colon = resolve_user_spec(":", fixture(), Caller{4321, 99});
  ASSERT_TRUE(colon.ok());
  EXPECT_EQ(describe_identity(*colon), "4321:99:99");
  EXPECT_EQ(colon->home, "/");
}

TEST(UserSpec, PrimaryGroupListingTheUserIsNotRepeated) {
  auto db = AccountDb::parse("app:x:10:20::/home/app:\n", "app:x:20:app\nextra:x:30:app\n");
  auto id = resolve_user_spec("app", db, Caller{0, 0});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(describe_identity(*id), "10:20:20,30");
}

TEST(UserSpec, EmptyHomeBecomesRoot) {
  auto db = AccountDb::parse("nohome:x:10:10\n", "");
  auto id = resolve_user_spec("nohome", db, Caller{0, 0});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->home, "/");
}

TEST(UserSpec, GroupPartAfterTheFirstColonIsTakenWhole) {
  auto id = resolve_user_spec("app:users:extra", fixture(), Caller{0, 0});
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message().find("no group \"users:extra\""), std::string::npos);
}

TEST(UserSpec, NamesThePathsItWasGiven) {
  auto db = AccountDb::parse("", "", "/img/etc/passwd", "/img/etc/group");
  auto user = resolve_user_spec("app", db, Caller{0, 0});
  ASSERT_FALSE(user.ok());
  EXPECT_NE(user.error().message().find("/img/etc/passwd"), std::string::npos);
  auto group = resolve_user_spec("0:staff", db, Caller{0, 0});
  ASSERT_FALSE(group.ok());
  EXPECT_NE(group.error().message().find("/img/etc/group"), std::string::npos);
}

}  // namespace
}  // namespace unroot
