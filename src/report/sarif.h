// SARIF 2.1.0 logs as GitHub code scanning takes them, for `unroot lint` and
// `unroot audit`: one run, the tool's rules with their help and default
// level, and results located in an artifact (a Dockerfile, a path in an
// image). Also the JSON dump both verbs' documents go through.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace unroot::report {

using Json = nlohmann::ordered_json;

/// `document` as text, indented; names that are not UTF-8 are replaced, not thrown on.
std::string dump(const Json& document);

/// "error", "warning" or "note".
struct SarifRule {
  std::string id;
  std::string name;
  const char* level;
  std::string title;
  std::string help;
  std::string remedy;
};

struct SarifResult {
  std::string rule;
  const char* level;
  std::string message;
  std::string uri;       ///< the artifact, as artifact_uri makes it
  std::string uri_base;  ///< "" or a key of the run's base ids: uri is relative to it
  int line = 0;          ///< 0: no region
  int column = 0;
};

/// A path as a URI reference: absolute paths as file:// URIs, relative ones
/// as relative references, percent-encoded where a URI needs it.
std::string artifact_uri(const std::string& path);

/// The log. `base_ids`: each uri_base a result uses, with its description.
std::string render_sarif(const std::vector<SarifRule>& rules,
                         const std::vector<SarifResult>& results, const std::string& version,
                         const std::map<std::string, std::string>& base_ids = {});

}  // namespace unroot::report
