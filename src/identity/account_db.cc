#include "identity/account_db.h"

#include <algorithm>
#include <optional>

#include "base/file.h"
#include "identity/numeric_id.h"

namespace unroot {
namespace {

// Splits `line` at every ':' into at most `max` fields; the last keeps the rest.
std::vector<std::string_view> split_fields(std::string_view line, size_t max) {
  std::vector<std::string_view> fields;
  while (fields.size() + 1 < max) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) break;
    fields.push_back(line.substr(0, colon));
    line.remove_prefix(colon + 1);
  }
  fields.push_back(line);
  return fields;
}

// Calls `fn` for each line that may hold an entry: not blank, not a comment,
// not a NIS compat entry.
template <typename Fn>
void for_each_entry_line(std::string_view text, Fn fn) {
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    fn(line);
  }
}

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\0') return false;
  }
  return true;
}

std::vector<PasswdEntry> parse_passwd(std::string_view text) {
  std::vector<PasswdEntry> users;
  for_each_entry_line(text, [&](std::string_view line) {
    auto f = split_fields(line, 7);
    if (f.size() < 4 || !valid_name(f[0])) return;
    std::optional<uint32_t> uid = parse_id(f[2]);
    std::optional<uint32_t> gid = parse_id(f[3]);
    if (!uid || !gid) return;
    users.push_back(PasswdEntry{std::string(f[0]), *uid, *gid,
                                f.size() > 5 ? std::string(f[5]) : std::string(),
                                f.size() > 6 ? std::string(f[6]) : std::string()});
  });
  return users;
}

std::vector<GroupEntry> parse_group(std::string_view text) {
  std::vector<GroupEntry> groups;
  for_each_entry_line(text, [&](std::string_view line) {
    auto f = split_fields(line, 4);
    if (f.size() < 3 || !valid_name(f[0])) return;
    std::optional<uint32_t> gid = parse_id(f[2]);
    if (!gid) return;
    GroupEntry g{std::string(f[0]), *gid, {}};
    if (f.size() == 4) {
      std::string_view list = f[3];
      while (!list.empty()) {
        size_t comma = list.find(',');
        std::string_view member = list.substr(0, comma);
        list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
        if (!member.empty()) g.members.emplace_back(member);
      }
    }
    groups.push_back(std::move(g));
  });
  return groups;
}

// The first entry `matches` accepts, or nullptr: file order decides duplicates.
template <typename Entry, typename Matches>
const Entry* first_match(const std::vector<Entry>& entries, Matches matches) {
  auto it = std::find_if(entries.begin(), entries.end(), matches);
  return it == entries.end() ? nullptr : &*it;
}

}  // namespace

AccountDb AccountDb::parse(std::string_view passwd_text, std::string_view group_text,
                           std::string passwd_path, std::string group_path) {
  AccountDb db;
  db.users_ = parse_passwd(passwd_text);
  db.groups_ = parse_group(group_text);
  db.passwd_path_ = std::move(passwd_path);
  db.group_path_ = std::move(group_path);
  return db;
}

Result<AccountDb> AccountDb::load(const std::string& passwd_path, const std::string& group_path) {
  auto passwd = read_small_file(passwd_path);
  if (!passwd) return passwd.error();
  auto group = read_small_file(group_path);
  if (!group) return group.error();
  return parse(passwd->value_or(""), group->value_or(""), passwd_path, group_path);
}

const PasswdEntry* AccountDb::user_by_name(std::string_view name) const {
  return first_match(users_, [&](const PasswdEntry& u) { return u.name == name; });
}

const PasswdEntry* AccountDb::user_by_uid(uint32_t uid) const {
  return first_match(users_, [&](const PasswdEntry& u) { return u.uid == uid; });
}

const GroupEntry* AccountDb::group_by_name(std::string_view name) const {
  return first_match(groups_, [&](const GroupEntry& g) { return g.name == name; });
}

const GroupEntry* AccountDb::group_by_gid(uint32_t gid) const {
  return first_match(groups_, [&](const GroupEntry& g) { return g.gid == gid; });
}

}  // namespace unroot
