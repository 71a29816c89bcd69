// The golden corpus (tests/lint/golden): every NAME.Dockerfile is linted with
// no engine and its build context in that directory; the findings, as
// "LINE RULE" lines (or "PARSE LINE" for a parse error), must equal
// NAME.expected exactly.
#include <dirent.h>
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
  DIR* dir = opendir(kGolden.c_str());
  if (!dir) return names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    const std::string suffix = ".Dockerfile";
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(name.substr(0, name.size() - suffix.size()));
    }
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    if (!line.empty()) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, FindingsMatchTheExpectedFile) {
  std::string text = testing::read_file(kGolden + "/" + GetParam() + ".Dockerfile");
  ASSERT_FALSE(text.empty());
  std::vector<std::string> expected =
      lines_of(testing::read_file(kGolden + "/" + GetParam() + ".expected"));
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
