// assess: the findings of `unroot check`, decided from facts already gathered
// (gather_facts reads them from the live process). Pure, so every rule of
// every finding is testable with made-up facts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/finding.h"
#include "audit/id_map.h"
#include "audit/kernel_surface.h"
#include "audit/process_status.h"

namespace unroot {

struct SetuidFile {
  std::string path;
  uint32_t uid = 0;
  uint32_t gid = 0;
  unsigned mode = 0;
};

struct SetuidScan {
  std::vector<SetuidFile> files;
  unsigned long scanned = 0;
  unsigned long unreadable = 0;
};

struct SudoFacts {
  /// sudo/doas programs found.
  std::vector<std::string> programs;
  /// "file:line" of a rule granting everything as root without a password.
  std::string passwordless_rule;
  /// Configuration files that exist but this user cannot read.
  std::vector<std::string> unreadable;
};

struct AuditFacts {
  ProcessStatus status;
  std::optional<IdMap> uid_map;  ///< nullopt: unreadable
  std::string user_name;         ///< "" when the uid has no passwd entry
  /// The effective gid first, then the supplementary groups; names "" when unknown.
  std::vector<std::pair<uint32_t, std::string>> groups;
  int cap_last_cap = 40;
  std::string lsm_name;   ///< "apparmor", "selinux" or "" (none found)
  std::string lsm_label;  ///< the process's label under it
  std::vector<std::string> host_devices;
  bool sys_writable = false;
  std::optional<SetuidScan> setuid;  ///< nullopt: not scanned (--no-scan)
  SudoFacts sudo;
  std::vector<std::string> writable_sensitive;
  std::vector<std::string> reachable_sockets;
  std::vector<std::string> unreachable_sockets;
  KernelSurfaceFacts kernel_surface;
  /// Writes fenced by a Landlock domain: opening /dev/urandom (mode 0666 on
  /// every engine, outside any fence unroot draws) for writing was refused.
  bool writes_fenced = false;
  int landlock_abi = 0;  ///< 0: none available to this process
};

/// Capabilities that give root or the host away: the `fail` list of caps.*.
CapabilitySet dangerous_capabilities();

/// The `setuid_files` finding for the programs a user can run (nullopt: not
/// scanned), with no_new_privs as the process has it.
Finding assess_setuid_files(const std::optional<SetuidScan>& setuid, bool no_new_privs);

/// The `sudo` finding.
Finding assess_sudo(const SudoFacts& sudo, bool no_new_privs);

/// The `writable_sensitive` finding for the sensitive paths the user can write.
Finding assess_writable_sensitive(const std::vector<std::string>& writable);

/// One finding per id, in the documented order.
std::vector<Finding> assess(const AuditFacts& facts);

}  // namespace unroot
