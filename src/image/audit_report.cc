#include "image/audit_report.h"

#include "lint/lint_report.h"
#include "report/sarif.h"

namespace unroot::image {
namespace {

// "sha256:" and the first 12 hex digits, as engines show image ids.
std::string short_digest(const std::string& digest) {
  size_t colon = digest.find(':');
  return colon == std::string::npos ? digest : digest.substr(0, colon + 13);
}

}  // namespace

std::string render_audit_text(const AuditedImage& audited) {
  std::string out;
  for (const AuditFinding& f : audited.findings) {
    out += audited.name;
    if (!f.path.empty()) out += ":" + f.path;
    if (f.line > 0) out += ":" + std::to_string(f.line);
    out += " " + f.id + " " + lint::severity_name(f.severity) + " " + f.message;
    if (!f.layer.empty()) out += " (layer " + short_digest(f.layer) + ")";
    out += " (fix: " + f.remedy + ")\n";
  }
  return out;
}

std::string render_audit_json(const AuditedImage& audited) {
  using report::Json;
  const Image& image = *audited.image;
  Json findings = Json::array();
  for (const AuditFinding& f : audited.findings) {
    Json finding = {{"id", f.id},
                    {"severity", lint::severity_name(f.severity)},
                    {"message", f.message},
                    {"remedy", f.remedy}};
    if (!f.path.empty()) finding["path"] = f.path;
    if (f.line > 0) finding["line"] = f.line;
    if (!f.layer.empty()) finding["layer"] = f.layer;
    findings.push_back(std::move(finding));
  }
  return report::dump(Json{{"image", audited.name},
                           {"format", image.format},
                           {"user", image.config.user},
                           {"entrypoint", image.config.entrypoint},
                           {"cmd", image.config.cmd},
                           {"layers", image.layers},
                           {"findings", std::move(findings)}});
}

std::string render_audit_sarif(const AuditedImage& audited, const std::string& version) {
  std::vector<report::SarifRule> rules;
  for (const lint::RuleInfo& rule : audit_catalog()) {
    rules.push_back({std::string(rule.id), std::string(rule.name), lint::sarif_level(rule.severity),
                     std::string(rule.title), std::string(rule.help), std::string(rule.remedy)});
  }
  std::vector<report::SarifResult> results;
  bool in_image = false;
  for (const AuditFinding& f : audited.findings) {
    std::string message = f.message;
    if (!f.layer.empty()) message += " (layer " + f.layer + ")";
    message += " (fix: " + f.remedy + ")";
    report::SarifResult result{f.id,    lint::sarif_level(f.severity),
                               message, report::artifact_uri(audited.name),
                               "",      f.line,
                               0};
    if (!f.path.empty()) {
      result.uri = report::artifact_uri(f.path.substr(1));
      result.uri_base = "IMAGEROOT";
      in_image = true;
    }
    results.push_back(std::move(result));
  }
  std::map<std::string, std::string> bases;
  if (in_image) bases["IMAGEROOT"] = "the root of the file system of " + audited.name;
  return report::render_sarif(rules, results, version, bases);
}

}  // namespace unroot::image
