#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/unique_fd.h"

namespace unroot {

Result<std::string> read_small_stream(int fd, const std::string& name) {
  std::string text;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error{"cannot read " + name, strerror(errno), "check the file"};
    }
    if (n == 0) break;
    if (text.size() + static_cast<size_t>(n) > kMaxSmallFile) {
      return Error{"cannot read " + name, "larger than 16 MiB",
                   "a configuration file this large is not plausible; check it"};
    }
    text.append(buf, static_cast<size_t>(n));
  }
  return text;
}

Result<std::optional<std::string>> read_small_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Error{"cannot read " + path, strerror(errno), "check the file's permissions"};
  }
  auto text = read_small_stream(fd.get(), path);
  if (!text) return text.error();
  return std::optional<std::string>(std::move(*text));
}

}  // namespace unroot
