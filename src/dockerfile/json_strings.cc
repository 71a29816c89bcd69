#include "dockerfile/json_strings.h"

#include "base/json_value.h"

namespace unroot::dockerfile {

std::optional<std::vector<std::string>> parse_json_string_array(std::string_view text) {
  auto value = parse_json(text);
  if (!value) return std::nullopt;
  std::vector<std::string> items;
  if (value->type == JsonValue::Type::kNull) return items;
  if (value->type != JsonValue::Type::kArray) return std::nullopt;
  for (JsonValue& item : value->items) {
    if (item.type != JsonValue::Type::kString) return std::nullopt;
    items.push_back(std::move(item.text));
  }
  return items;
}

}  // namespace unroot::dockerfile
