#include "privilege/syscall_filter.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <iterator>

#include "base/split.h"

namespace unroot {
namespace {

constexpr sock_filter kFilter[] = {
#include "syscall_filter.inc"
};

/// A return instruction of a group (or, group 0xff, of the query call).
struct FilterPatch {
  uint16_t index;
  uint8_t group;
};
constexpr uint8_t kQueryPatch = 0xff;

constexpr FilterPatch kPatches[] = {
#include "syscall_filter_patches.inc"
};

/// The filter with `allowed` lifted, in a fixed-size array: loading it at
/// start allocates nothing.
std::array<sock_filter, std::size(kFilter)> program_for(SyscallGroupSet allowed) {
  std::array<sock_filter, std::size(kFilter)> program;
  std::copy(std::begin(kFilter), std::end(kFilter), program.begin());
  const uint32_t refused = allowed.complement().mask();
  for (const FilterPatch& patch : kPatches) {
    if (patch.group == kQueryPatch) {
      program[patch.index].k = SECCOMP_RET_ERRNO | (kFilterQueryErrno + refused);
    } else if (allowed.has(static_cast<SyscallGroup>(patch.group))) {
      program[patch.index].k = SECCOMP_RET_ALLOW;
    }
  }
  return program;
}

}  // namespace

std::string SyscallGroupSet::to_string() const {
  std::string names;
  for (const SyscallGroupInfo& info : kSyscallGroups) {
    if (!has(info.group)) continue;
    if (!names.empty()) names += ",";
    names += info.name;
  }
  return names.empty() ? "none" : names;
}

Result<SyscallGroupSet> parse_syscall_groups(std::string_view name) {
  if (name == "all") return SyscallGroupSet::all();
  std::string known;
  for (const SyscallGroupInfo& info : kSyscallGroups) {
    if (info.name == name) {
      SyscallGroupSet set;
      set.add(info.group);
      return set;
    }
    known += std::string(info.name) + ", ";
  }
  return Error{"unknown system call group \"" + std::string(name) + "\"",
               "unroot's filter has the groups " + known + "and all", "name one of them"};
}

Result<SyscallGroupSet> parse_syscall_group_list(std::string_view list) {
  SyscallGroupSet set;
  for (std::string_view item : split_list(list, ',')) {
    auto groups = parse_syscall_groups(item);
    if (!groups) return groups.error();
    set.add(*groups);
  }
  return set;
}

std::vector<sock_filter> syscall_filter_program(SyscallGroupSet allowed) {
  auto program = program_for(allowed);
  return {program.begin(), program.end()};
}

Status install_syscall_filter(SyscallGroupSet allowed) {
  auto program = program_for(allowed);
  sock_fprog prog{static_cast<unsigned short>(program.size()), program.data()};
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) {
    return Error{"cannot install unroot's seccomp filter", strerror(errno),
                 "the kernel needs seccomp filter support"};
  }
  return Ok{};
}

std::optional<SyscallGroupSet> query_syscall_filter() {
  errno = 0;
  long rc = syscall(kFilterQuerySyscall);
  const int answer = errno - kFilterQueryErrno;
  if (rc != -1 || answer < 0 || answer >= 1 << kSyscallGroupCount) return std::nullopt;
  return SyscallGroupSet::from_mask(static_cast<uint32_t>(answer));
}

}  // namespace unroot
