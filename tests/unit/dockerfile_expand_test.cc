#include <gtest/gtest.h>

#include "dockerfile/expand.h"

namespace unroot::dockerfile {
namespace {

const Variables kVars = {{"USER_NAME", "app"}, {"UID", "10001"}, {"EMPTY", ""}};

std::string expand(std::string_view word) {
  auto out = expand_word(word, kVars);
  EXPECT_TRUE(out) << word;
  return out ? *out : "<error>";
}

TEST(DockerfileExpand, PlainAndBracedVariables) {
  EXPECT_EQ(expand("$USER_NAME"), "app");
  EXPECT_EQ(expand("${USER_NAME}:${UID}"), "app:10001");
  EXPECT_EQ(expand("$UNSET-x"), "-x");
  EXPECT_EQ(expand("a$"), "a$");
}

TEST(DockerfileExpand, DefaultsAndAlternatives) {
  EXPECT_EQ(expand("${UNSET:-nobody}"), "nobody");
  EXPECT_EQ(expand("${EMPTY:-nobody}"), "nobody");
  EXPECT_EQ(expand("${EMPTY-nobody}"), "");
  EXPECT_EQ(expand("${USER_NAME:-nobody}"), "app");
  EXPECT_EQ(expand("${USER_NAME:+set}"), "set");
  EXPECT_EQ(expand("${UNSET:+set}"), "");
  EXPECT_EQ(expand("${UNSET:-${UID}}"), "10001");
}

TEST(DockerfileExpand, QuotesAndEscapes) {
  EXPECT_EQ(expand("'$USER_NAME'"), "$USER_NAME");
  EXPECT_EQ(expand("\"$USER_NAME x\""), "app x");
  EXPECT_EQ(expand("\\$USER_NAME"), "$USER_NAME");
  EXPECT_EQ(*expand_word("`$UID", kVars, '`'), "$UID");
}

TEST(DockerfileExpand, WordsSplitAtUnquotedBlanks) {
  auto words = expand_words("A=$UID  B=\"x y\" C='$z'", kVars);
  ASSERT_TRUE(words);
  EXPECT_EQ(*words, (std::vector<std::string>{"A=10001", "B=x y", "C=$z"}));
}

TEST(DockerfileExpand, ErrorsNameTheProblem) {
  for (const char* bad : {"${UNSET:?need it}", "${UID", "${:-x}", "'open", "${UID%x}"}) {
    EXPECT_FALSE(expand_word(bad, kVars)) << bad;
  }
  EXPECT_EQ(expand_word("${UNSET:?need it}", kVars).error().message, "UNSET: need it");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "${A:-";
  EXPECT_FALSE(expand_word(deep, kVars));
}

TEST(DockerfileExpand, MentionsVariable) {
  EXPECT_TRUE(mentions_variable("${APP_USER:-app}"));
  EXPECT_TRUE(mentions_variable("$X"));
  EXPECT_FALSE(mentions_variable("app"));
  EXPECT_FALSE(mentions_variable("\\$X"));
  EXPECT_FALSE(mentions_variable("cost$5"));
}

}  // namespace
}  // namespace unroot::dockerfile
