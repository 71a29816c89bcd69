#include "ownership/prepare.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <optional>

#include "identity/user_spec.h"
#include "ownership/file_owner.h"
#include "ownership/prepared_registry.h"
#include "ownership/tree_walk.h"

namespace unroot {
namespace {

Error passwd_error(const std::string& path, const std::string& why, const std::string& remedy) {
  return Error{"cannot open " + path + " to group 0", why, remedy};
}

// The account file an arbitrary uid's start appends to, found before any file
// is changed: a regular file, never followed through a link.
Result<struct stat> passwd_to_open(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) {
    return passwd_error(path, strerror(errno), "create the users before this step");
  }
  if (!S_ISREG(st.st_mode)) {
    return passwd_error(path, "it is not a regular file", "make it one before this step");
  }
  return st;
}

// Group 0, group-writable, its owner and other bits kept.
Status open_to_group_zero(const std::string& path, const struct stat& st) {
  if ((st.st_gid != 0 && lchown(path.c_str(), st.st_uid, 0) != 0) ||
      chmod(path.c_str(), (st.st_mode & 07777) | S_IWGRP) != 0) {
    return passwd_error(path, strerror(errno), "run unroot prepare as root in a RUN step");
  }
  return Ok{};
}

}  // namespace

Status prepare_user(const PrepareRequest& request, const AccountDb& db, Reporter& reporter) {
  auto user = resolve_user_spec(request.user, db, Caller{0, 0});
  if (!user) return user.error();
  if (user->user_name.empty() || user->uid == 0) {
    return Error{
        "cannot prepare \"" + request.user + "\"",
        user->uid == 0 ? "root is never remapped" : "it has no entry in " + db.passwd_path(),
        "prepare the application's user, created before this step"};
  }
  const uid_t uid = user->uid;
  const gid_t gid = request.arbitrary_uids ? 0 : user->gid;
  std::optional<struct stat> passwd;
  if (request.arbitrary_uids) {
    auto found = passwd_to_open(db.passwd_path());
    if (!found) return found.error();
    passwd = *found;
  }
  std::vector<std::string> paths = request.paths;
  if (paths.empty()) paths.push_back("/");
  std::atomic<unsigned long> changed{0};
  unsigned long scanned = 0;
  for (const auto& path : paths) {
    auto walked =
        walk_tree(path, [&](int dir_fd, const char* name, const struct stat& st) -> Status {
          if (st.st_uid != uid) return Ok{};
          bool touched = false;
          if (st.st_gid != gid) {
            Status owned = change_owner(dir_fd, name, st, uid, gid);
            if (!owned) return owned;
            touched = true;
          }
          mode_t mode = st.st_mode & 07777;
          mode_t wanted = (mode & ~static_cast<mode_t>(S_IRWXG)) | ((mode & S_IRWXU) >> 3);
          if (!S_ISLNK(st.st_mode) && wanted != mode) {
            if (fchmodat(dir_fd, name, wanted, 0) != 0) {
              return Error{std::string("cannot change the mode of ") + name, strerror(errno),
                           "run unroot prepare as root in a RUN step"};
            }
            touched = true;
          }
          changed += touched ? 1 : 0;
          return Ok{};
        });
    if (!walked) return walked.error();
    scanned += walked->scanned;
  }
  if (passwd) {
    Status opened = open_to_group_zero(db.passwd_path(), *passwd);
    if (!opened) return opened;
  }
  Status recorded =
      record_prepared(request.prepared_path, PreparedUser{user->user_name, uid, user->gid, gid});
  if (!recorded) return recorded.error();
  reporter.notice(
      "prepared " + user->user_name + " (" + std::to_string(uid) + ":" + std::to_string(user->gid) +
      ")" + (request.arbitrary_uids ? " for arbitrary uids, its files to group 0" : "") + ": " +
      std::to_string(changed.load()) + " of " + std::to_string(scanned) + " entries changed");
  return Ok{};
}

}  // namespace unroot
