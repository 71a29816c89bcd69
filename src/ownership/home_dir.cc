#include "ownership/home_dir.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace unroot {
namespace {

std::string temporary_root() {
  const char* tmpdir = getenv("TMPDIR");
  if (tmpdir != nullptr && tmpdir[0] == '/') return tmpdir;
  return "/tmp";
}

// A directory another uid made, or one others may enter, could be read or
// swapped under the program: only a directory this uid owns alone is reused.
bool private_directory_of_mine(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() &&
         (st.st_mode & 077) == 0;
}

}  // namespace

std::string usable_home(const std::vector<std::string>& homes) {
  for (const auto& home : homes) {
    if (!home.empty() && access(home.c_str(), W_OK | X_OK) == 0) return home;
  }
  std::string base = temporary_root() + "/unroot-home-" + std::to_string(getuid());
  if (mkdir(base.c_str(), 0700) == 0 || (errno == EEXIST && private_directory_of_mine(base))) {
    return base;
  }
  std::string fresh = base + "-XXXXXX";
  if (mkdtemp(fresh.data()) != nullptr) return fresh;
  return homes.empty() ? "/" : homes.front();
}

}  // namespace unroot
