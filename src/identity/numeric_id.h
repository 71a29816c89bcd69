// Numeric user and group ids as the kernel takes them: decimal, 0..4294967294
// (4294967295 is (uid_t)-1, "no change", and never a real id).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace unroot {

inline constexpr uint32_t kMaxId = 4294967294u;

/// The id spelled by `text` (decimal digits only, no sign, no space), or
/// std::nullopt when it is not such a number or exceeds kMaxId.
std::optional<uint32_t> parse_id(std::string_view text);

/// True when `text` is non-empty and made only of decimal digits, whatever its value.
bool all_digits(std::string_view text);

}  // namespace unroot
