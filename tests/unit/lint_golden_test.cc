// The golden corpus (tests/lint/golden): every NAME.Dockerfile is linted with
// no engine and its build context in that directory; the findings, as
// "LINE RULE" lines (or "PARSE LINE" for a parse error), must equal
// NAME.expected exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dockerfile/parser.h"
#include "fork_probe.h"
#include "lint/build_model.h"
#include "lint/rules.h"

namespace unroot::lint {
namespace {

const std::string kGolden = UNROOT_GOLDEN_DIR;

std::vector<std::string> golden_cases() {
  std::vector<std::string> names;
  const std::string suffix = ".Dockerfile";
  for (const std::string& name : testing::directory_entries(kGolden)) {
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(name.substr(0, name.size() - suffix.size()));
    }
  }
  return names;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, FindingsMatchTheExpectedFile) {
  std::string text = testing::read_file(kGolden + "/" + GetParam() + ".Dockerfile");
  ASSERT_FALSE(text.empty());
  std::vector<std::string> expected =
      testing::sorted_lines(testing::read_file(kGolden + "/" + GetParam() + ".expected"));
  std::vector<std::string> actual;
  auto parsed = dockerfile::parse_dockerfile(text);
  if (!parsed) {
    actual.push_back("PARSE " + std::to_string(parsed.error().position.line));
  } else {
    BuildModel model = build_model(*parsed, {{}, kGolden});
    for (const LintFinding& finding : run_rules(*parsed, model, {})) {
      actual.push_back(std::to_string(finding.position.line) + " " + finding.rule);
      EXPECT_FALSE(finding.message.empty());
    }
    std::sort(actual.begin(), actual.end());
  }
  EXPECT_EQ(actual, expected) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Lint, Golden, ::testing::ValuesIn(golden_cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(GoldenCorpus, HasAtLeastSixtyCases) { EXPECT_GE(golden_cases().size(), 60u); }

}  // namespace
}  // namespace unroot::lint
