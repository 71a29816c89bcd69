#include "audit/id_map.h"

#include <gtest/gtest.h>

namespace unroot {
namespace {

TEST(IdMap, TheInitialNamespaceMapsEveryIdToItself) {
  auto map = parse_id_map("         0          0 4294967295\n");
  ASSERT_TRUE(map) << map.error().message();
  EXPECT_TRUE(is_identity_map(*map));
  EXPECT_EQ(map_to_host(*map, 0), 0u);
  EXPECT_EQ(map_to_host(*map, 4294967294u), 4294967294u);
}

TEST(IdMap, ARemappedNamespaceGivesRootAnUnprivilegedHostUid) {
  auto map = parse_id_map("0 165536 65536\n");
  ASSERT_TRUE(map) << map.error().message();
  EXPECT_FALSE(is_identity_map(*map));
  EXPECT_EQ(map_to_host(*map, 0), 165536u);
  EXPECT_EQ(map_to_host(*map, 1000), 166536u);
  EXPECT_EQ(map_to_host(*map, 65536), std::nullopt);
}

TEST(IdMap, SeveralRanges) {
  auto map = parse_id_map("0 1000 1\n1 100000 65536\n");
  ASSERT_TRUE(map) << map.error().message();
  EXPECT_EQ(map_to_host(*map, 0), 1000u);
  EXPECT_EQ(map_to_host(*map, 1), 100000u);
  EXPECT_EQ(map_to_host(*map, 65536), 165535u);
}

TEST(IdMap, RefusesWhatIsNotThreeNumbers) {
  for (const char* text :
       {"0 0\n", "0 0 0\n", "a b c\n", "0 0 1 9\n", "0 4294967295 2\n", "4294967295 0 2\n"}) {
    auto map = parse_id_map(text);
    EXPECT_FALSE(map) << text;
    if (!map) {
      EXPECT_NE(map.error().why.find("line 1"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace unroot
