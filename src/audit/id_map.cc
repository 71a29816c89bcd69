#include "audit/id_map.h"

#include <charconv>
#include <string>

namespace unroot {

Result<IdMap> parse_id_map(std::string_view text) {
  IdMap map;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    uint32_t fields[3] = {};
    size_t pos = 0;
    int parsed = 0;
    for (; parsed < 3; ++parsed) {
      while (pos < line.size() && line[pos] == ' ') ++pos;
      auto [end, ec] =
          std::from_chars(line.data() + pos, line.data() + line.size(), fields[parsed]);
      if (ec != std::errc()) break;
      pos = static_cast<size_t>(end - line.data());
    }
    while (pos < line.size() && line[pos] == ' ') ++pos;
    if (parsed == 0 && pos == line.size()) continue;
    if (parsed != 3 || pos != line.size() || fields[2] == 0 ||
        uint64_t{fields[0]} + fields[2] > uint64_t{1} << 32 ||
        uint64_t{fields[1]} + fields[2] > uint64_t{1} << 32) {
      return Error{"reading the user namespace's id map",
                   "line " + std::to_string(line_number) + " is not \"inside outside count\"",
                   "run unroot check on Linux with /proc mounted"};
    }
    map.push_back({fields[0], fields[1], fields[2]});
  }
  return map;
}

std::optional<uint32_t> map_to_host(const IdMap& map, uint32_t inside) {
  for (const IdMapRange& range : map) {
    if (inside >= range.inside && uint64_t{inside} < uint64_t{range.inside} + range.count) {
      return range.outside + (inside - range.inside);
    }
  }
  return std::nullopt;
}

bool is_identity_map(const IdMap& map) {
  return map.size() == 1 && map[0].inside == 0 && map[0].outside == 0 &&
         map[0].count == 4294967295u;
}

}  // namespace unroot
