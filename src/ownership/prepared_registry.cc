#include "ownership/prepared_registry.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/unique_fd.h"
#include "identity/numeric_id.h"
#include "ownership/account_files.h"

namespace unroot {

std::vector<PreparedUser> parse_prepared(std::string_view text) {
  std::vector<PreparedUser> users;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    size_t a = line.find(' ');
    size_t b = a == std::string_view::npos ? a : line.find(' ', a + 1);
    if (b == std::string_view::npos || a == 0) continue;
    size_t c = line.find(' ', b + 1);
    auto uid = parse_id(line.substr(a + 1, b - a - 1));
    auto gid = parse_id(line.substr(b + 1, c == std::string_view::npos ? c : c - b - 1));
    std::optional<uint32_t> group;
    if (c != std::string_view::npos) {
      auto parsed = parse_id(line.substr(c + 1));
      if (!parsed) continue;
      group = *parsed;
    }
    if (uid && gid) {
      users.push_back(PreparedUser{std::string(line.substr(0, a)), *uid, *gid, group});
    }
  }
  return users;
}

std::string format_prepared(const std::vector<PreparedUser>& users) {
  std::string text;
  for (const auto& u : users) {
    text += u.name + " " + std::to_string(u.uid) + " " + std::to_string(u.gid);
    if (u.group_of_files() != u.gid) text += " " + std::to_string(u.group_of_files());
    text += "\n";
  }
  return text;
}

Result<std::optional<PreparedUser>> find_prepared(const std::string& path, std::string_view name) {
  auto text = read_small_file(path);
  if (!text) return text.error();
  for (const auto& u : parse_prepared(text->value_or(""))) {
    if (u.name == name) return std::optional<PreparedUser>(u);
  }
  return std::optional<PreparedUser>();
}

Status record_prepared(const std::string& path, const PreparedUser& user) {
  auto text = read_small_file(path);
  if (!text) return text.error();
  std::vector<PreparedUser> users = parse_prepared(text->value_or(""));
  std::erase_if(users, [&](const PreparedUser& u) { return u.name == user.name; });
  users.push_back(user);
  if (!text->has_value()) {
    std::string copy = path;
    std::string dir = dirname(copy.data());
    if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return Error{"cannot record the preparation", "mkdir " + dir + ": " + strerror(errno),
                   "run unroot prepare as root in a RUN step"};
    }
    UniqueFd fd(open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd.valid()) {
      return Error{"cannot record the preparation", "create " + path + ": " + strerror(errno),
                   "run unroot prepare as root in a RUN step"};
    }
  }
  return replace_file(path, format_prepared(users));
}

}  // namespace unroot
