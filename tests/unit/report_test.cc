#include "audit/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace unroot {
namespace {

const std::vector<Finding> kFindings = {
    {"identity.root", FindingStatus::kFail, "runs as root", "uid_map 0 0", "drop"},
    {"seccomp", FindingStatus::kPass, "filtered", "Seccomp 2", ""},
    {"setuid_files", FindingStatus::kSkip, "not scanned", "", ""},
    {"lsm", FindingStatus::kWarn, "none \"quoted\"\n", "bad \xff byte", "keep it"}};

TEST(RenderText, OneLinePerFindingThenTheVerdict) {
  std::string text = render_findings_text(kFindings, false);
  EXPECT_EQ(text,
            "FAIL  identity.root: runs as root [uid_map 0 0] -> drop\n"
            "PASS  seccomp: filtered\n"
            "SKIP  setuid_files: not scanned\n"
            "WARN  lsm: none \"quoted\"\\n [bad \xff byte] -> keep it\n"
            "verdict: FAIL\n");
  EXPECT_EQ(text.find('\033'), std::string::npos);
  EXPECT_NE(render_findings_text(kFindings, true).find("\033[1;31mFAIL\033[0m"), std::string::npos);
}

TEST(RenderJson, ParsesAndCarriesEveryFieldEvenForNonUtf8Evidence) {
  auto document = nlohmann::json::parse(render_findings_json(kFindings));
  EXPECT_EQ(document["verdict"], "fail");
  ASSERT_EQ(document["findings"].size(), 4u);
  EXPECT_EQ(document["findings"][0]["id"], "identity.root");
  EXPECT_EQ(document["findings"][0]["remedy"], "drop");
  EXPECT_EQ(document["findings"][2]["status"], "skip");
  EXPECT_EQ(document["findings"][3]["summary"], "none \"quoted\"\n");
  EXPECT_EQ(document["findings"][3]["evidence"], "bad \xef\xbf\xbd byte");
}

}  // namespace
}  // namespace unroot
