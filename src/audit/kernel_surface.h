// kernel_surface: what each group of unroot's kernel-surface profile
// (privilege/syscall_groups.h) meets from the calling process — refused by
// unroot's filter, refused before the kernel (the engine's seccomp profile or
// a kernel setting), or reaching the kernel — for `unroot check`. Every call
// of a group is tried (engines' profiles split groups: Podman's refuses
// add_key and lets keyctl through), each in a form the kernel rejects as
// invalid, so nothing is created or changed (a user namespace is tried in a
// child that exits).
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "audit/finding.h"
#include "privilege/syscall_filter.h"

namespace unroot {

struct KernelSurfaceFacts {
  /// The groups unroot's filter answers that it refuses; nullopt: no unroot filter.
  std::optional<SyscallGroupSet> unroot_refuses;
  /// One call tried, and its errno (0: it succeeded).
  struct Call {
    std::string_view name;
    int error = 0;
  };
  /// Per group, in kSyscallGroups' order: its calls.
  std::array<std::vector<Call>, kSyscallGroupCount> calls;
  /// The process's seccomp mode (0 none, 2 filter), to name who refused.
  int seccomp_mode = 0;
};

/// Tries one call of every group from the calling process.
KernelSurfaceFacts probe_kernel_surface(int seccomp_mode);

/// The finding `kernel.GROUP` for `info`'s group: pass when every call is
/// refused (by unroot's filter, or before the kernel by someone else), warn
/// naming the calls that reach the kernel.
Finding assess_kernel_group(const KernelSurfaceFacts& facts, const SyscallGroupInfo& info);

}  // namespace unroot
