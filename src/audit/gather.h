// gather_facts: reads what `unroot check` judges from the live process and
// its file system — /proc/self, the account files, the LSM label, /dev and
// /sys, setuid programs, sudo/doas, writable sensitive paths, runtime
// sockets — with the caller's own ids and capabilities, so that the facts are
// what this process could really reach. Reads only; connects to sockets but
// sends nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audit/assess.h"
#include "audit/sudo_rules.h"
#include "base/result.h"

namespace unroot {

struct GatherOptions {
  /// Walk the root file system for setuid/setgid programs.
  bool scan = true;
  unsigned threads = 1;
};

/// Whether /dev/NAME is a character device every engine gives a container
/// (null, zero, full, random, urandom, tty, console, ptmx).
bool is_default_device(std::string_view name);

/// Every fact; an Error only when /proc/self/status itself cannot be read.
Result<AuditFacts> gather_facts(const GatherOptions& options);

/// Setuid/setgid regular files below `root`, on its file system, that the
/// caller may execute. Unreadable directories are counted, not fatal.
Result<SetuidScan> find_setuid_programs(const std::string& root, unsigned threads);

/// The paths in `paths` that exist and that the caller may write.
std::vector<std::string> writable_paths(const std::vector<std::string>& paths);

/// Mount points in mountinfo text whose file name is a known runtime socket's.
std::vector<std::string> socket_mounts(std::string_view mountinfo);

/// Sorts `candidates` (paths of sockets that may exist) into those the caller
/// can connect to and those that refuse it ("path (reason)"); the rest do not exist.
void probe_sockets(const std::vector<std::string>& candidates, std::vector<std::string>& reachable,
                   std::vector<std::string>& refused);

/// sudo/doas programs, configuration and verdict for `subject`, read below
/// `root` ("/" in use; a directory in tests).
SudoFacts inspect_sudo(const std::string& root, const SudoSubject& subject);

}  // namespace unroot
