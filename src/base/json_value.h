// parse_json: RFC 8259 JSON into a small tree, for the JSON unroot reads —
// a Dockerfile's exec form, an engine's `{{json .Config.Cmd}}`, an image's
// manifest, index and config. Strings are decoded (escapes, \u with surrogate
// pairs, to UTF-8); numbers are kept as written. Nesting deeper than 64 is
// refused, so hostile input cannot exhaust the stack. Written for unroot: a
// general JSON library's parser costs the binary some 50 KB.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unroot {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  std::string text;               ///< kString decoded; kNumber and kBool as written
  std::vector<JsonValue> items;   ///< kArray: the items; kObject: the members' values
  std::vector<std::string> keys;  ///< kObject: the members' names, parallel to items

  /// The member called `key` (the last of that name, as Go's encoding/json
  /// and so the engines read it), or nullptr, also when this is no object.
  const JsonValue* find(std::string_view key) const;
  /// The member `key` when it is a string, else "".
  std::string string_at(std::string_view key) const;
  /// The strings of the array `key` (other items skipped); empty when none.
  std::vector<std::string> strings_at(std::string_view key) const;
};

/// The document `text` holds, or nullopt when it is not JSON.
std::optional<JsonValue> parse_json(std::string_view text);

}  // namespace unroot
