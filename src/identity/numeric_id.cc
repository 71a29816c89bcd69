#include "identity/numeric_id.h"

namespace unroot {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<uint32_t> parse_id(std::string_view text) {
  if (!all_digits(text)) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    value = value * 10 + static_cast<uint64_t>(c - '0');
    if (value > kMaxId) return std::nullopt;
  }
  return static_cast<uint32_t>(value);
}

}  // namespace unroot
