#include "ownership/arbitrary_uid.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/unique_fd.h"

namespace unroot {
namespace {

// Appends `line` with one write, so readers see the old file or the new one.
bool append_line(const std::string& path, std::string line) {
  UniqueFd fd(open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return false;
  struct stat st {};
  char last = '\n';
  if (fstat(fd.get(), &st) == 0 && st.st_size > 0 &&
      pread(fd.get(), &last, 1, st.st_size - 1) == 1 && last != '\n') {
    line.insert(line.begin(), '\n');
  }
  return write(fd.get(), line.data(), line.size()) == static_cast<ssize_t>(line.size());
}

}  // namespace

void adopt_arbitrary_uid(const AccountDb& db, const Identity& spec_user, Caller caller,
                         const std::string& home, Reporter& reporter) {
  const PasswdEntry* entry = db.user_by_name(spec_user.user_name);
  if (access(db.passwd_path().c_str(), W_OK) != 0) return;
  std::string shell = entry && !entry->shell.empty() ? entry->shell : "/bin/sh";
  std::string line = spec_user.user_name + ":x:" + std::to_string(caller.uid) + ":" +
                     std::to_string(caller.gid) + ":" + spec_user.user_name + " (uid " +
                     std::to_string(caller.uid) + "):" + home + ":" + shell + "\n";
  if (!append_line(db.passwd_path(), line)) {
    reporter.notice("cannot add uid " + std::to_string(caller.uid) + " to " + db.passwd_path() +
                    ": " + strerror(errno));
  }
}

}  // namespace unroot
