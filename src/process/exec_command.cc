#include "process/exec_command.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <string_view>

namespace unroot {
namespace {

Error cannot_run(const std::string& name, int err, const std::string& where) {
  std::string what = "cannot run \"" + name + "\"";
  std::string why = where.empty() ? std::string(strerror(err)) : where + ": " + strerror(err);
  std::string fix = err == EACCES    ? "the user needs execute permission on it"
                    : err == ENOEXEC ? "it is not a program for this machine; check its #! line"
                                     : "check the file";
  return Error{what, why, fix, 126};
}

}  // namespace

Error exec_command(char* const argv[]) {
  const std::string name = argv[0];
  if (name.find('/') != std::string::npos) {
    execv(argv[0], argv);
    if (errno == ENOENT || errno == ENOTDIR) {
      return Error{"cannot run \"" + name + "\"", "no such file",
                   "check the command's path in the image", 127};
    }
    return cannot_run(name, errno, "");
  }

  const char* env_path = getenv("PATH");
  const std::string path = env_path ? env_path : "/bin:/usr/bin";
  std::string denied;  // the first candidate that exists but could not run
  int denied_errno = 0;
  std::string_view rest = path;
  for (;;) {
    size_t colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
    execv(candidate.c_str(), argv);
    int err = errno;
    struct stat st {};
    bool exists = ::stat(candidate.c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
    if (exists && denied.empty()) {
      denied = candidate;
      denied_errno = err;
    } else if (err != ENOENT && err != ENOTDIR && err != EACCES && denied.empty()) {
      return cannot_run(name, err, candidate);
    }
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  if (!denied.empty()) return cannot_run(name, denied_errno, denied);
  return Error{"cannot run \"" + name + "\"", "not found in PATH (" + path + ")",
               "check the command name and the image's PATH", 127};
}

}  // namespace unroot
