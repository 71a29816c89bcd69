#include "report/sarif.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace unroot::report {

std::string dump(const Json& document) {
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

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

std::string render_sarif(const std::vector<SarifRule>& rules,
                         const std::vector<SarifResult>& results, const std::string& version,
                         const std::map<std::string, std::string>& base_ids) {
  Json rule_list = Json::array();
  for (const SarifRule& rule : rules) {
    rule_list.push_back({{"id", rule.id},
                         {"name", rule.name},
                         {"shortDescription", {{"text", rule.title}}},
                         {"fullDescription", {{"text", rule.help}}},
                         {"help",
                          {{"text", rule.help + " Fix: " + rule.remedy},
                           {"markdown", rule.help + "\n\n**Fix:** " + rule.remedy}}},
                         {"defaultConfiguration", {{"level", rule.level}}}});
  }
  Json result_list = Json::array();
  for (const SarifResult& result : results) {
    auto rule = std::find_if(rules.begin(), rules.end(),
                             [&](const SarifRule& r) { return r.id == result.rule; });
    Json artifact = {{"uri", result.uri}};
    if (!result.uri_base.empty()) artifact["uriBaseId"] = result.uri_base;
    Json physical = {{"artifactLocation", std::move(artifact)}};
    if (result.line > 0) {
      physical["region"] = {{"startLine", result.line},
                            {"startColumn", std::max(result.column, 1)}};
    }
    result_list.push_back(
        {{"ruleId", result.rule},
         {"ruleIndex", rule - rules.begin()},
         {"level", result.level},
         {"message", {{"text", result.message}}},
         {"locations", Json::array({{{"physicalLocation", std::move(physical)}}})}});
  }
  Json driver = {{"name", "unroot"}, {"version", version}, {"rules", std::move(rule_list)}};
  Json run = {{"tool", {{"driver", std::move(driver)}}}};
  if (!base_ids.empty()) {
    Json bases = Json::object();
    for (const auto& [id, description] : base_ids) {
      bases[id] = {{"description", {{"text", description}}}};
    }
    run["originalUriBaseIds"] = std::move(bases);
  }
  run["results"] = std::move(result_list);
  return dump(Json{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", Json::array({std::move(run)})}});
}

}  // namespace unroot::report
