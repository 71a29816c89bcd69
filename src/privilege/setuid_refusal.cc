#include "privilege/setuid_refusal.h"

#include <sys/auxv.h>
#include <sys/stat.h>

namespace unroot {

Status refuse_setuid_installation(const char* exe_path) {
  struct stat st {};
  // Without /proc the bits cannot be read; AT_SECURE still catches every exec
  // that actually changed ids, which is the case that matters.
  bool marked = ::stat(exe_path, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID)) != 0;
  if (marked || getauxval(AT_SECURE) != 0) {
    return Error{"refusing to run", "this unroot executable is installed setuid or setgid",
                 "remove the bit: chmod u-s,g-s on the unroot binary"};
  }
  return Ok{};
}

}  // namespace unroot
