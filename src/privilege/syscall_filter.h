// unroot's seccomp filter, compiled at build time (tools/gen_syscall_filter.cc)
// and only loaded here. It holds:
// - the TTY guard: ioctl(TIOCSTI) and ioctl(TIOCLINUX) fail with EPERM, so a
//   dropped process cannot push keystrokes into a terminal it shares with a
//   privileged parent (the CVE-2016-2779 class); always on;
// - the kernel-surface profile: the groups of syscall_groups.h fail with EPERM
//   (clone3 with ENOSYS) unless lifted;
// - the query call, answered with the mask of the refused groups.
#pragma once

#include <linux/filter.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "privilege/syscall_groups.h"

namespace unroot {

/// A set of syscall groups, by their bits.
class SyscallGroupSet {
 public:
  static SyscallGroupSet all() { return SyscallGroupSet((1u << kSyscallGroupCount) - 1); }
  static SyscallGroupSet from_mask(uint32_t mask) { return SyscallGroupSet(mask & all().mask_); }
  SyscallGroupSet() = default;

  bool has(SyscallGroup group) const { return mask_ >> static_cast<unsigned>(group) & 1u; }
  void add(SyscallGroup group) { mask_ |= 1u << static_cast<unsigned>(group); }
  void add(SyscallGroupSet other) { mask_ |= other.mask_; }
  SyscallGroupSet complement() const { return SyscallGroupSet(~mask_ & all().mask_); }
  bool empty() const { return mask_ == 0; }
  uint32_t mask() const { return mask_; }
  bool operator==(const SyscallGroupSet&) const = default;
  /// The names, comma-separated, in the order of kSyscallGroups; "none" if empty.
  std::string to_string() const;

 private:
  explicit SyscallGroupSet(uint32_t mask) : mask_(mask) {}
  uint32_t mask_ = 0;
};

/// A group by its `--allow` name, or "all" for every group.
Result<SyscallGroupSet> parse_syscall_groups(std::string_view name);

/// A comma-separated list of names (UNROOT_ALLOW's form); empty items are skipped.
Result<SyscallGroupSet> parse_syscall_group_list(std::string_view list);

/// The filter's instructions with `allowed` lifted, for inspection where
/// seccomp cannot be loaded (qemu-user ignores it) and for tests.
std::vector<sock_filter> syscall_filter_program(SyscallGroupSet allowed);

/// Loads the filter with `allowed` lifted into the calling thread. The kernel
/// allows that only under no_new_privs or with CAP_SYS_ADMIN; the filter stays
/// for the life of the process and everything it executes.
Status install_syscall_filter(SyscallGroupSet allowed);

/// The groups refused by the newest unroot filter in force on the calling
/// thread, read from its answer to the query call; nullopt when no unroot
/// filter is in force.
std::optional<SyscallGroupSet> query_syscall_filter();

}  // namespace unroot
