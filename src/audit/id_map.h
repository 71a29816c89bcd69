// IdMap: a user namespace's id mapping as /proc/<pid>/uid_map and gid_map
// print it ("inside outside count" per line), and the host id an id has.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace unroot {

struct IdMapRange {
  uint32_t inside = 0;
  uint32_t outside = 0;
  uint32_t count = 0;
};

using IdMap = std::vector<IdMapRange>;

/// Parses uid_map/gid_map text; an Error names the bad line.
Result<IdMap> parse_id_map(std::string_view text);

/// The id `inside` has in the parent namespace, or nullopt when it is unmapped.
std::optional<uint32_t> map_to_host(const IdMap& map, uint32_t inside);

/// True for the initial namespace's identity map (0 0 4294967295).
bool is_identity_map(const IdMap& map);

}  // namespace unroot
