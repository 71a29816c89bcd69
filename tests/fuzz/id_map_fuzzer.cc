// libFuzzer target: uid_map/gid_map parsing and the look-up of host ids.
// Input: the map's text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/id_map.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto map = unroot::parse_id_map(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!map) return 0;
  for (const auto& range : *map) {
    auto host = unroot::map_to_host(*map, range.inside);
    if (!host || range.count == 0) __builtin_trap();
    unroot::map_to_host(*map, range.inside + range.count - 1);
  }
  return 0;
}
