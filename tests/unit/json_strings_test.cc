#include "dockerfile/json_strings.h"

#include <gtest/gtest.h>

namespace unroot::dockerfile {
namespace {

using Strings = std::vector<std::string>;

TEST(JsonStringArray, ArraysOfStringsWithEveryEscape) {
  EXPECT_EQ(parse_json_string_array("[\"/unroot\", \"exec\",\"app\"]"),
            (Strings{"/unroot", "exec", "app"}));
  EXPECT_EQ(parse_json_string_array(" [ ] "), Strings{});
  EXPECT_EQ(parse_json_string_array("null\n"), Strings{});
  EXPECT_EQ(parse_json_string_array(R"(["a\"b\\c\/d\n\t\r\b\f"])"), Strings{"a\"b\\c/d\n\t\r\b\f"});
  EXPECT_EQ(parse_json_string_array(R"(["\u00e9\u20ac\ud83d\ude00"])"),
            Strings{"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"});
}

TEST(JsonStringArray, AnythingElseIsNotAnArrayOfStrings) {
  for (const char* text :
       {"", "[", "[\"a\"", "[\"a\",]", "[1]", "[\"a\" \"b\"]", "{\"a\": 1}", "[\"a\"] x",
        "[\"\\x\"]", "[\"\\ud83d\"]", "[\"\\udc00\"]", "[\"\\u12\"]", "[\"tab\there\"]", "nul"}) {
    EXPECT_FALSE(parse_json_string_array(text)) << text;
  }
}

}  // namespace
}  // namespace unroot::dockerfile
