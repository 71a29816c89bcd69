#include "ownership/prepared_registry.h"

#include <gtest/gtest.h>

#include "fork_probe.h"

namespace unroot {
namespace {

TEST(PreparedRegistry, ParsesAndFormatsLines) {
  auto users = parse_prepared("app 10001 10001\nbad line\nx 1\n 2 3\nweb 33 33\nneg -1 2\n");
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0], (PreparedUser{"app", 10001, 10001}));
  EXPECT_EQ(users[1], (PreparedUser{"web", 33, 33}));
  EXPECT_EQ(format_prepared(users), "app 10001 10001\nweb 33 33\n");
}

TEST(PreparedRegistry, AFourthFieldIsTheGroupOfTheFiles) {
  auto users = parse_prepared("app 10001 10001 0\nweb 33 33 33\nbad 1 2 x\nbad 1 2 3 4\n");
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].group_of_files(), 0u);
  EXPECT_EQ(users[0], (PreparedUser{"app", 10001, 10001, 0}));
  EXPECT_NE(users[0], (PreparedUser{"app", 10001, 10001}));
  EXPECT_EQ(users[1], (PreparedUser{"web", 33, 33}));
  // Written only when it is not the primary group.
  EXPECT_EQ(format_prepared(users), "app 10001 10001 0\nweb 33 33\n");
}

TEST(PreparedRegistry, RecordsCreatesAndReplaces) {
  testing::TempDir dir;
  std::string path = dir.path() + "/unroot/prepared";
  ASSERT_TRUE(record_prepared(path, {"app", 10001, 10001}).ok());
  ASSERT_TRUE(record_prepared(path, {"web", 33, 34}).ok());
  ASSERT_TRUE(record_prepared(path, {"app", 10001, 10002}).ok());
  auto app = find_prepared(path, "app");
  ASSERT_TRUE(app.ok());
  ASSERT_TRUE(app->has_value());
  EXPECT_EQ(**app, (PreparedUser{"app", 10001, 10002}));
  auto none = find_prepared(path, "nobody");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto missing = find_prepared(dir.path() + "/nothing", "app");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

}  // namespace
}  // namespace unroot
