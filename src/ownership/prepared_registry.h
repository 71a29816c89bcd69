// The record `unroot prepare` leaves in the image (/etc/unroot/prepared): one
// line per prepared user, "NAME UID GID", the ids the user had when prepared.
// A user is prepared only while its passwd entry still has those ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace unroot {

inline constexpr const char* kPreparedPath = "/etc/unroot/prepared";

/// One prepared user.
struct PreparedUser {
  std::string name;
  uint32_t uid = 0;
  uint32_t gid = 0;
  bool operator==(const PreparedUser&) const = default;
};

/// Parses the record; malformed lines are skipped.
std::vector<PreparedUser> parse_prepared(std::string_view text);

/// The record's text for `users`.
std::string format_prepared(const std::vector<PreparedUser>& users);

/// The entry for `name` in the record at `path`, if any (no file: none).
Result<std::optional<PreparedUser>> find_prepared(const std::string& path, std::string_view name);

/// Adds or replaces `user` in the record at `path`, creating it (and its
/// directory) when missing; written atomically.
Status record_prepared(const std::string& path, const PreparedUser& user);

}  // namespace unroot
