#include "lint/lint_report.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <string_view>

namespace unroot::lint {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& document) {
  // File names and Dockerfile text need not be UTF-8; replace rather than throw.
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

// SARIF locations are URIs: absolute paths as file:// URIs, relative ones
// as relative references, each percent-encoded where a URI needs it.
std::string artifact_uri(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string uri = !path.empty() && path.front() == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) ||
        std::string_view("/-._~").find(static_cast<char>(c)) != std::string_view::npos) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

}  // namespace

std::string render_lint_text(const std::vector<FileFindings>& files) {
  std::string out;
  for (const FileFindings& file : files) {
    for (const LintFinding& f : file.findings) {
      out += file.file + ":" + std::to_string(f.position.line) + ":" +
             std::to_string(f.position.column) + " " + f.rule + " " + severity_name(f.severity) +
             " " + f.message + " (fix: " + f.remedy + ")\n";
    }
  }
  return out;
}

std::string render_lint_json(const std::vector<FileFindings>& files) {
  Json findings = Json::array();
  for (const FileFindings& file : files) {
    for (const LintFinding& f : file.findings) {
      findings.push_back({{"file", file.file},
                          {"line", f.position.line},
                          {"column", f.position.column},
                          {"rule", f.rule},
                          {"severity", severity_name(f.severity)},
                          {"message", f.message},
                          {"remedy", f.remedy}});
    }
  }
  return dump(Json{{"findings", std::move(findings)}});
}

std::string render_lint_sarif(const std::vector<FileFindings>& files, const std::string& version) {
  Json rules = Json::array();
  for (const RuleInfo& rule : rule_catalog()) {
    rules.push_back(
        {{"id", std::string(rule.id)},
         {"name", std::string(rule.name)},
         {"shortDescription", {{"text", std::string(rule.title)}}},
         {"fullDescription", {{"text", std::string(rule.help)}}},
         {"help",
          {{"text", std::string(rule.help) + " Fix: " + std::string(rule.remedy)},
           {"markdown", std::string(rule.help) + "\n\n**Fix:** " + std::string(rule.remedy)}}},
         {"defaultConfiguration", {{"level", sarif_level(rule.severity)}}}});
  }
  Json results = Json::array();
  for (const FileFindings& file : files) {
    for (const LintFinding& f : file.findings) {
      int index = 0;
      for (const RuleInfo& rule : rule_catalog()) {
        if (rule.id == f.rule) break;
        ++index;
      }
      results.push_back(
          {{"ruleId", f.rule},
           {"ruleIndex", index},
           {"level", sarif_level(f.severity)},
           {"message", {{"text", f.message + " (fix: " + f.remedy + ")"}}},
           {"locations",
            Json::array({{{"physicalLocation",
                           {{"artifactLocation", {{"uri", artifact_uri(file.file)}}},
                            {"region",
                             {{"startLine", std::max(f.position.line, 1)},
                              {"startColumn", std::max(f.position.column, 1)}}}}}}})}});
    }
  }
  Json driver = {{"name", "unroot"}, {"version", version}, {"rules", std::move(rules)}};
  Json run = {{"tool", {{"driver", std::move(driver)}}}, {"results", std::move(results)}};
  return dump(Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", Json::array({std::move(run)})}});
}

}  // namespace unroot::lint
