#include "ownership/account_files.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "base/unique_fd.h"
#include "identity/numeric_id.h"

namespace unroot {
namespace {

/// Where field `index` (0-based, ':'-separated) of a line starts and ends.
struct FieldSpan {
  size_t begin = 0;
  size_t end = 0;
};

bool find_field(std::string_view line, size_t index, FieldSpan* span) {
  size_t begin = 0;
  for (size_t i = 0; i < index; ++i) {
    size_t colon = line.find(':', begin);
    if (colon == std::string_view::npos) return false;
    begin = colon + 1;
  }
  size_t end = line.find(':', begin);
  span->begin = begin;
  span->end = end == std::string_view::npos ? line.size() : end;
  return true;
}

/// The offset of the first line of `text` whose name field is `name` and
/// whose fields `id_fields` are valid ids, or npos.
size_t find_entry(std::string_view text, std::string_view name,
                  std::initializer_list<size_t> id_fields) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    FieldSpan first;
    if (find_field(line, 0, &first) && line.substr(first.begin, first.end - first.begin) == name) {
      bool valid = true;
      for (size_t f : id_fields) {
        FieldSpan span;
        valid = valid && find_field(line, f, &span) &&
                parse_id(line.substr(span.begin, span.end - span.begin)).has_value();
      }
      if (valid) return start;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return std::string_view::npos;
}

/// `text` with the listed fields of the line at `line_start` set to new values.
std::string replace_fields(std::string_view text, size_t line_start,
                           const std::vector<std::pair<size_t, uint32_t>>& fields) {
  size_t line_end = text.find('\n', line_start);
  std::string_view line =
      text.substr(line_start, line_end == std::string_view::npos ? text.size() - line_start
                                                                 : line_end - line_start);
  std::string out(text.substr(0, line_start));
  size_t copied = 0;
  for (auto [index, value] : fields) {
    FieldSpan span;
    find_field(line, index, &span);
    out.append(line.substr(copied, span.begin - copied));
    out.append(std::to_string(value));
    copied = span.end;
  }
  out.append(line.substr(copied));
  if (line_end != std::string_view::npos) out.append(text.substr(line_end));
  return out;
}

std::string temp_name_for(const std::string& path) {
  std::string copy = path;
  std::string dir = dirname(copy.data());
  return dir + "/.unroot-" + std::to_string(getpid()) + "-" +
         std::string(path.substr(path.rfind('/') + 1));
}

Error write_error(const std::string& path, const char* step) {
  return Error{"cannot rewrite " + path, std::string(step) + ": " + strerror(errno),
               "make the image's /etc writable for root at start, or use a prepared image"};
}

}  // namespace

Result<std::string> rewrite_passwd_ids(std::string_view passwd_text, std::string_view user,
                                       uint32_t uid, uint32_t gid) {
  size_t line = find_entry(passwd_text, user, {2, 3});
  if (line == std::string_view::npos) {
    return Error{"cannot remap \"" + std::string(user) + "\"", "no valid entry in /etc/passwd",
                 "remap a user the image's /etc/passwd defines"};
  }
  return replace_fields(passwd_text, line, {{2, uid}, {3, gid}});
}

Result<std::string> rewrite_group_gid(std::string_view group_text, std::string_view group,
                                      uint32_t gid) {
  size_t line = find_entry(group_text, group, {2});
  if (line == std::string_view::npos) {
    return Error{"cannot remap group \"" + std::string(group) + "\"",
                 "no valid entry in /etc/group", "define the user's primary group in /etc/group"};
  }
  return replace_fields(group_text, line, {{2, gid}});
}

Status check_replaceable(const std::string& path) {
  std::string temp = temp_name_for(path);
  UniqueFd fd(open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return write_error(path, "create a file beside it");
  unlink(temp.c_str());
  return Ok{};
}

Status replace_file(const std::string& path, std::string_view content) {
  struct stat old {};
  if (lstat(path.c_str(), &old) != 0) return write_error(path, "stat");
  if (!S_ISREG(old.st_mode)) {
    errno = EINVAL;
    return write_error(path, "not a regular file");
  }
  std::string temp = temp_name_for(path);
  UniqueFd fd(open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd.valid()) return write_error(path, "create a file beside it");
  auto fail = [&](const char* step) {
    Error e = write_error(path, step);
    unlink(temp.c_str());
    return e;
  };
  for (size_t done = 0; done < content.size();) {
    ssize_t n = write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("write");
    done += static_cast<size_t>(n);
  }
  if (fchown(fd.get(), old.st_uid, old.st_gid) != 0) return fail("fchown");
  if (fchmod(fd.get(), old.st_mode & 07777) != 0) return fail("fchmod");
  if (fsync(fd.get()) != 0) return fail("fsync");
  if (rename(temp.c_str(), path.c_str()) != 0) return fail("rename");
  std::string copy = path;
  UniqueFd dir(open(dirname(copy.data()), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.valid()) fsync(dir.get());
  return Ok{};
}

}  // namespace unroot
