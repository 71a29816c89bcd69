#include "lint/lint_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace unroot::lint {
namespace {

const std::vector<FileFindings> kResults = {
    {"app/Dockerfile",
     {{"UR003", Severity::kError, {7, 3}, "`apt-get update` needs root", "run it as root"},
      {"UR009", Severity::kInfo, {9, 1}, "the final user app is a name", "use the uid"}}}};

TEST(LintReport, TextIsFileLineColumnIdSeverityMessageAndFix) {
  EXPECT_EQ(render_lint_text(kResults),
            "app/Dockerfile:7:3 UR003 error `apt-get update` needs root (fix: run it as root)\n"
            "app/Dockerfile:9:1 UR009 info the final user app is a name (fix: use the uid)\n");
}

TEST(LintReport, JsonCarriesEveryField) {
  auto json = nlohmann::json::parse(render_lint_json(kResults));
  ASSERT_EQ(json["findings"].size(), 2u);
  EXPECT_EQ(json["findings"][0]["file"], "app/Dockerfile");
  EXPECT_EQ(json["findings"][0]["line"], 7);
  EXPECT_EQ(json["findings"][0]["column"], 3);
  EXPECT_EQ(json["findings"][1]["severity"], "info");
}

TEST(LintReport, SarifHasRuleMetadataResultsAndLocations) {
  auto sarif = nlohmann::json::parse(render_lint_sarif(kResults, "1.2.3"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["version"], "1.2.3");
  ASSERT_EQ(run["tool"]["driver"]["rules"].size(), rule_catalog().size());
  EXPECT_EQ(run["tool"]["driver"]["rules"][2]["id"], "UR003");
  EXPECT_FALSE(run["tool"]["driver"]["rules"][2]["help"]["text"].get<std::string>().empty());
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "UR003");
  EXPECT_EQ(result["ruleIndex"], 2);
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(run["results"][1]["level"], "note");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 7);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "app/Dockerfile");
}

TEST(RuleCatalog, TwelveRulesEachDocumented) {
  ASSERT_EQ(rule_catalog().size(), 12u);
  for (const RuleInfo& rule : rule_catalog()) {
    EXPECT_EQ(find_rule(rule.id), &rule);
    EXPECT_GT(rule.help.size(), 80u) << rule.id;
    EXPECT_FALSE(rule.remedy.empty());
  }
  EXPECT_EQ(find_rule("ur003")->id, "UR003");
  EXPECT_EQ(find_rule("UR013"), nullptr);
}

}  // namespace
}  // namespace unroot::lint
