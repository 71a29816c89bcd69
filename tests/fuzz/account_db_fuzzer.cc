// libFuzzer target: /etc/passwd and /etc/group parsing, and look-ups on the result.
// Input: passwd text, a NUL byte, group text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "identity/account_db.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string_view passwd = input.substr(0, nul);
  std::string_view group = nul == std::string_view::npos ? "" : input.substr(nul + 1);
  auto db = unroot::AccountDb::parse(passwd, group);
  for (const auto& user : db.users()) {
    if (db.user_by_name(user.name) == nullptr || db.user_by_uid(user.uid) == nullptr)
      __builtin_trap();
    if (user.uid > 4294967294u || user.gid > 4294967294u || user.name.empty()) __builtin_trap();
  }
  for (const auto& g : db.groups()) {
    if (db.group_by_name(g.name) == nullptr || db.group_by_gid(g.gid) == nullptr) __builtin_trap();
  }
  return 0;
}
