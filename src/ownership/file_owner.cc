#include "ownership/file_owner.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <string>

namespace unroot {

Status change_owner(int dir_fd, const char* name, const struct stat& st, uid_t uid, gid_t gid) {
  if (fchownat(dir_fd, name, uid, gid, AT_SYMLINK_NOFOLLOW) != 0) {
    return Error{std::string("cannot change the owner of ") + name, strerror(errno),
                 "check that the file system is writable for root"};
  }
  if (!S_ISLNK(st.st_mode) && (st.st_mode & (S_ISUID | S_ISGID)) != 0 &&
      fchmodat(dir_fd, name, st.st_mode & 07777, 0) != 0) {
    return Error{std::string("cannot restore the mode of ") + name, strerror(errno),
                 "check that the file system is writable for root"};
  }
  return Ok{};
}

}  // namespace unroot
