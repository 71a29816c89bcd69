// parse_json_string_array: `["a", "b"]` — the JSON a Dockerfile's exec form
// and an engine's `{{json .Config.Cmd}}` hold — to its strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unroot::dockerfile {

/// The strings of a JSON array of strings (RFC 8259: escapes, \u with
/// surrogate pairs, to UTF-8), `null` as empty; nullopt for anything else.
std::optional<std::vector<std::string>> parse_json_string_array(std::string_view text);

}  // namespace unroot::dockerfile
