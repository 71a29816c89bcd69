// libFuzzer target: SPEC resolution. Input: SPEC, a NUL byte, passwd text, a
// NUL byte, group text. Checks the invariants every resolved identity keeps.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "identity/user_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t first = input.find('\0');
  std::string_view spec = input.substr(0, first);
  std::string_view rest = first == std::string_view::npos ? "" : input.substr(first + 1);
  size_t second = rest.find('\0');
  std::string_view passwd = rest.substr(0, second);
  std::string_view group = second == std::string_view::npos ? "" : rest.substr(second + 1);
  auto db = unroot::AccountDb::parse(passwd, group);
  auto id = unroot::resolve_user_spec(spec, db, unroot::Caller{0, 0});
  if (!id.ok()) {
    if (id.error().message().empty()) __builtin_trap();
    return 0;
  }
  const auto& groups = id->groups;
  if (groups.empty() || std::find(groups.begin(), groups.end(), id->gid) == groups.end()) {
    __builtin_trap();
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    if (std::count(groups.begin(), groups.end(), groups[i]) != 1) __builtin_trap();
  }
  if (id->home.empty()) __builtin_trap();
  return 0;
}
