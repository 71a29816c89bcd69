#include "audit/report.h"

#include <nlohmann/json.hpp>

namespace unroot {
namespace {

const char* colour_of(FindingStatus status) {
  switch (status) {
    case FindingStatus::kPass:
      return "\033[32m";
    case FindingStatus::kSkip:
      return "\033[2m";
    case FindingStatus::kWarn:
      return "\033[33m";
    case FindingStatus::kFail:
      return "\033[1;31m";
  }
  return "";
}

std::string label(FindingStatus status, bool color) {
  std::string name = status_name(status);
  for (char& c : name) c = static_cast<char>(c - 'a' + 'A');
  return color ? colour_of(status) + name + "\033[0m" : name;
}

// One finding, one line: control characters from file names and labels are
// shown escaped, never obeyed.
std::string printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_findings_text(const std::vector<Finding>& findings, bool color) {
  std::string out;
  for (const Finding& finding : findings) {
    out += label(finding.status, color) + "  " + finding.id + ": " + printable(finding.summary);
    if (finding.status == FindingStatus::kWarn || finding.status == FindingStatus::kFail) {
      out += " [" + printable(finding.evidence) + "] -> " + printable(finding.remedy);
    }
    out += "\n";
  }
  out += "verdict: " + label(overall_status(findings), color) + "\n";
  return out;
}

std::string render_findings_json(const std::vector<Finding>& findings) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Finding& finding : findings) {
    list.push_back({{"id", finding.id},
                    {"status", status_name(finding.status)},
                    {"summary", finding.summary},
                    {"evidence", finding.evidence},
                    {"remedy", finding.remedy}});
  }
  nlohmann::ordered_json document = {{"verdict", status_name(overall_status(findings))},
                                     {"findings", std::move(list)}};
  // Paths from the file system need not be UTF-8; replace rather than throw.
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace unroot
