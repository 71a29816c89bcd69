#include "base/json_value.h"

#include <gtest/gtest.h>

namespace unroot {
namespace {

TEST(JsonValue, ReadsAnImageConfigsShapes) {
  auto doc = parse_json(
      R"( {"config": {"User": "app", "Cmd": ["a", 1, "b\u00e9\ud83d\ude00"], "Tty": false},
                            "rootfs": {"diff_ids": []}, "n": -1.5e+3, "z": null} )");
  ASSERT_TRUE(doc);
  const JsonValue* config = doc->find("config");
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->string_at("User"), "app");
  EXPECT_EQ(config->strings_at("Cmd"),
            (std::vector<std::string>{"a", "b\xc3\xa9\xf0\x9f\x98\x80"}));
  EXPECT_EQ(config->find("Tty")->type, JsonValue::Type::kBool);
  EXPECT_EQ(config->find("Tty")->text, "false");
  EXPECT_EQ(doc->find("n")->text, "-1.5e+3");
  EXPECT_EQ(doc->find("z")->type, JsonValue::Type::kNull);
  EXPECT_EQ(doc->string_at("config"), "");  // not a string
  EXPECT_TRUE(doc->strings_at("missing").empty());
  EXPECT_EQ(JsonValue{}.find("x"), nullptr);  // not an object
}

TEST(JsonValue, TheLastOfTwoNamesWinsAsInTheEngines) {
  auto doc = parse_json(R"({"User": "root", "User": "app"})");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->string_at("User"), "app");
}

TEST(JsonValue, RefusesWhatIsNotJson) {
  for (const char* text :
       {"", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "1e", "\"\\x\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"a\nb\"", "tru", "nul", "[] []", "{\"a\":1,}", "\"\\u12\""}) {
    EXPECT_FALSE(parse_json(text)) << text;
  }
  EXPECT_TRUE(parse_json(std::string(64, '[') + std::string(64, ']')));
  EXPECT_FALSE(parse_json(std::string(100000, '[') + std::string(100000, ']')));  // deeper than 64
}

}  // namespace
}  // namespace unroot
