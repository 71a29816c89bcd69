#include "privilege/write_fence.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>

// Newer than the kernel headers Debian 12 builds with.
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

namespace unroot {
namespace {

// Writing to a file, and (ABI 3) truncating it.
uint64_t file_rights(int abi) {
  return LANDLOCK_ACCESS_FS_WRITE_FILE | (abi >= 3 ? LANDLOCK_ACCESS_FS_TRUNCATE : 0);
}

// Everything that changes a directory's contents, and (ABI 2) moving or
// linking files between directories: what the fence handles.
uint64_t directory_rights(int abi) {
  return file_rights(abi) | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
         LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
         LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
         LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM |
         (abi >= 2 ? LANDLOCK_ACCESS_FS_REFER : 0);
}

// The places every program writes to, when they exist.
std::vector<std::string> builtin_paths() {
  std::vector<std::string> paths = {"/tmp",      "/dev/null",   "/dev/zero",
                                    "/dev/full", "/dev/tty",    "/dev/pts",
                                    "/dev/shm",  "/dev/stdout", "/dev/stderr"};
  if (const char* tmpdir = getenv("TMPDIR"); tmpdir && tmpdir[0] == '/') paths.emplace_back(tmpdir);
  return paths;
}

// What the kernel's ABI leaves unenforced, for the notice; "" when nothing.
std::string unenforced(int abi) {
  if (abi == 0) return "";
  if (abi == 1) {
    return "Landlock ABI 1 (kernel 5.13 to 5.18) cannot fence truncate(2), and refuses to move or "
           "link files between directories anywhere";
  }
  if (abi == 2) return "Landlock ABI 2 (kernel 5.19 to 6.1) cannot fence truncate(2)";
  return "";
}

Error fence_error(const std::string& what, const std::string& why, const std::string& fix) {
  return Error{"--write: " + what, why, fix};
}

}  // namespace

int landlock_abi() {
  long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return abi > 0 ? static_cast<int>(abi) : 0;
}

Result<WriteFence> WriteFence::prepare(const WriteFenceRequest& request, Reporter& reporter) {
  WriteFence fence;
  // Every declared path is opened first, Landlock or not: a wrong one is an
  // error on any kernel, before anything has changed.
  struct Opened {
    std::string path;
    UniqueFd fd;
    bool directory;
    bool declared;
  };
  std::vector<Opened> opened;
  auto open_path = [&](const std::string& path, bool declared) -> Status {
    if (path.empty() || path.front() != '/') {
      return fence_error("\"" + path + "\" is not an absolute path",
                         "a fence is declared from the root of the file system",
                         "give the full path, e.g. --write /var/lib/app");
    }
    UniqueFd fd(open(path.c_str(), O_PATH | O_CLOEXEC));
    struct stat st {};
    if (!fd.valid() || fstat(fd.get(), &st) != 0) {
      if (!declared) return Ok{};
      return fence_error("cannot open " + path, strerror(errno),
                         "create it in the image or before unroot runs, or drop --write " + path);
    }
    opened.push_back({path, std::move(fd), S_ISDIR(st.st_mode), declared});
    return Ok{};
  };
  for (const std::string& path : request.paths) {
    if (Status s = open_path(path, true); !s) return s.error();
  }

  const int abi = landlock_abi();
  if (abi == 0) {
    const int err = errno;
    std::string why = err == EOPNOTSUPP
                          ? "Landlock is built into this kernel but not enabled (lsm=)"
                      : err == EPERM ? "a seccomp filter (the engine's profile) refuses Landlock"
                                     : "this kernel has no Landlock (it needs 5.13 or later)";
    if (request.strict) {
      return fence_error("cannot fence writes", why,
                         "run on a kernel with Landlock, or drop --write-strict");
    }
    reporter.notice("--write is not enforced: " + why);
    return fence;
  }
  if (std::string missing = unenforced(abi); !missing.empty()) {
    if (request.strict) {
      return fence_error("cannot fence every write", missing,
                         "run on kernel 6.2 or later, or drop --write-strict");
    }
    reporter.notice("--write: " + missing);
  }
  for (const std::string& path : builtin_paths()) (void)open_path(path, false);

  landlock_ruleset_attr attr{};
  attr.handled_access_fs = directory_rights(abi);
  UniqueFd ruleset(static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0)));
  if (!ruleset.valid()) {
    return fence_error("cannot make the Landlock ruleset", strerror(errno), "report this");
  }
  for (const Opened& path : opened) {
    landlock_path_beneath_attr beneath{};
    beneath.allowed_access = path.directory ? directory_rights(abi) : file_rights(abi);
    beneath.parent_fd = path.fd.get();
    if (syscall(SYS_landlock_add_rule, ruleset.get(), LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) ==
        0) {
      continue;
    }
    // /dev/stdout on a pipe or a socket: Landlock names no such file, and
    // never fences it either.
    if (!path.declared) continue;
    return fence_error("cannot fence " + path.path, strerror(errno),
                       "declare a directory or a file (pipes and sockets need no declaration)");
  }
  fence.abi_ = abi;
  fence.ruleset_ = std::move(ruleset);
  return fence;
}

Status WriteFence::enforce() {
  if (!ruleset_.valid()) return Ok{};
  if (syscall(SYS_landlock_restrict_self, ruleset_.get(), 0) != 0) {
    return fence_error("cannot restrict the process", strerror(errno),
                       "nothing was executed; report this with the container's settings");
  }
  ruleset_.reset();
  return Ok{};
}

}  // namespace unroot
