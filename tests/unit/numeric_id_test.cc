#include "identity/numeric_id.h"

#include <gtest/gtest.h>

namespace unroot {
namespace {

TEST(NumericId, AcceptsTheWholeKernelRange) {
  EXPECT_EQ(parse_id("0"), 0u);
  EXPECT_EQ(parse_id("10001"), 10001u);
  EXPECT_EQ(parse_id("0010"), 10u);
  EXPECT_EQ(parse_id("4294967294"), 4294967294u);
}

TEST(NumericId, RefusesMinusOneAndBeyond) {
  EXPECT_EQ(parse_id("4294967295"), std::nullopt);
  EXPECT_EQ(parse_id("99999999999999999999999"), std::nullopt);
}

TEST(NumericId, RefusesAnythingButDigits) {
  for (const char* text : {"", "-1", "+5", " 5", "5 ", "0day", "1e3", "0x10"}) {
    EXPECT_EQ(parse_id(text), std::nullopt) << text;
  }
}

TEST(NumericId, AllDigitsIgnoresValue) {
  EXPECT_TRUE(all_digits("99999999999999999999"));
  EXPECT_FALSE(all_digits(""));
  EXPECT_FALSE(all_digits("12a"));
}

}  // namespace
}  // namespace unroot
