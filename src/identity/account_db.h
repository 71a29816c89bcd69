// AccountDb: the users of /etc/passwd and the groups of /etc/group, parsed by
// unroot itself (a static binary in a FROM scratch image has no NSS).
//
// Contract: parsing never fails and never guesses. A line that is blank, a
// comment, a NIS `+`/`-` entry, or lacks a valid name or id (ids 0..4294967294)
// is skipped whole, so a damaged line can hide an account but never give it
// different ids. Entries keep file order; look-ups return the first match, so a
// duplicate name or id resolves as libc does: first entry wins.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace unroot {

/// One valid line of /etc/passwd: name:password:uid:gid:gecos:home:shell.
/// `home` and `shell` are empty when the line has no such field.
struct PasswdEntry {
  std::string name;
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::string home;
  std::string shell;
};

/// One valid line of /etc/group: name:password:gid:member,member,...
struct GroupEntry {
  std::string name;
  uint32_t gid = 0;
  std::vector<std::string> members;
};

/// The parsed account files, with the paths they came from (for messages).
class AccountDb {
 public:
  /// Parses the texts of a passwd and a group file.
  static AccountDb parse(std::string_view passwd_text, std::string_view group_text,
                         std::string passwd_path = "/etc/passwd",
                         std::string group_path = "/etc/group");

  /// Reads and parses the two files. A missing file is an empty database, as in
  /// Docker (numeric ids still resolve); an unreadable one is an Error.
  static Result<AccountDb> load(const std::string& passwd_path, const std::string& group_path);

  const PasswdEntry* user_by_name(std::string_view name) const;
  const PasswdEntry* user_by_uid(uint32_t uid) const;
  const GroupEntry* group_by_name(std::string_view name) const;
  const GroupEntry* group_by_gid(uint32_t gid) const;

  const std::vector<PasswdEntry>& users() const { return users_; }
  const std::vector<GroupEntry>& groups() const { return groups_; }
  const std::string& passwd_path() const { return passwd_path_; }
  const std::string& group_path() const { return group_path_; }

 private:
  std::vector<PasswdEntry> users_;
  std::vector<GroupEntry> groups_;
  std::string passwd_path_;
  std::string group_path_;
};

}  // namespace unroot
