// split_list: the items of a separated list as options and the environment
// give them (UNROOT_ALLOW's commas, UNROOT_WRITE's colons), empty items skipped.
#pragma once

#include <string_view>
#include <vector>

namespace unroot {

/// The non-empty items of `list` between `separator`s, in order; views into `list`.
inline std::vector<std::string_view> split_list(std::string_view list, char separator) {
  std::vector<std::string_view> items;
  while (!list.empty()) {
    size_t at = list.find(separator);
    if (at != 0) items.push_back(list.substr(0, at));
    list = at == std::string_view::npos ? std::string_view() : list.substr(at + 1);
  }
  return items;
}

}  // namespace unroot
