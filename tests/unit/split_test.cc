#include "base/split.h"

#include <gtest/gtest.h>

namespace unroot {
namespace {

TEST(SplitList, ItemsInOrderWithEmptyOnesSkipped) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(split_list("/data:/run/app", ':'), (V{"/data", "/run/app"}));
  EXPECT_EQ(split_list("::/data::/cache:", ':'), (V{"/data", "/cache"}));
  EXPECT_EQ(split_list("ptrace", ','), (V{"ptrace"}));
  EXPECT_TRUE(split_list("", ',').empty());
  EXPECT_TRUE(split_list(",,", ',').empty());
  // The other separator is part of an item.
  EXPECT_EQ(split_list("a,b:c", ':'), (V{"a,b", "c"}));
}

}  // namespace
}  // namespace unroot
