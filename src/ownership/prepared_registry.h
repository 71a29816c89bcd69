// The record `unroot prepare` leaves in the image (/etc/unroot/prepared): one
// line per prepared user, "NAME UID GID [GROUP]", the ids the user had when
// prepared and, when it is not GID, the group its files were given (0 for
// --arbitrary-uids). A user is prepared only while its passwd entry still has
// those ids.
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
  /// The group the user's files were given; none: `gid`.
  std::optional<uint32_t> files_group = std::nullopt;
  uint32_t group_of_files() const { return files_group.value_or(gid); }
  bool operator==(const PreparedUser& other) const {
    return name == other.name && uid == other.uid && gid == other.gid &&
           group_of_files() == other.group_of_files();
  }
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
