// The real-world suite (tests/lint/realworld): every cases/NAME directory is
// a minimal reproduction of an idiom met in public Dockerfiles (SOURCES.md
// says where), linted with no engine and the directory as its build context.
// Its error-level findings, as "LINE RULE" lines (or "PARSE LINE" where
// Docker's parser fails), must equal NAME/expected exactly: no false error,
// and every error a careful reviewer expects.
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

const std::string kCases = std::string(UNROOT_REALWORLD_DIR) + "/cases";

class RealWorld : public ::testing::TestWithParam<std::string> {};

TEST_P(RealWorld, ErrorsAreExactlyTheExpectedOnes) {
  const std::string dir = kCases + "/" + GetParam();
  std::string text = testing::read_file(dir + "/Dockerfile");
  ASSERT_FALSE(text.empty());
  auto parsed = dockerfile::parse_dockerfile(text);
  std::vector<std::string> errors;
  if (!parsed) {
    errors.push_back("PARSE " + std::to_string(parsed.error().position.line));
  } else {
    BuildModel model = build_model(*parsed, {{}, dir});
    for (const LintFinding& finding : run_rules(*parsed, model, {})) {
      EXPECT_FALSE(finding.message.empty());
      if (finding.severity == Severity::kError) {
        errors.push_back(std::to_string(finding.position.line) + " " + finding.rule);
      }
    }
  }
  std::sort(errors.begin(), errors.end());
  EXPECT_EQ(errors, testing::sorted_lines(testing::read_file(dir + "/expected")));
}

INSTANTIATE_TEST_SUITE_P(Lint, RealWorld, ::testing::ValuesIn(testing::directory_entries(kCases)),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace unroot::lint
