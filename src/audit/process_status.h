// ProcessStatus: the privilege facts of /proc/<pid>/status — ids, groups,
// the five capability sets, no_new_privs and seccomp — parsed from its text.
// Unknown or missing fields stay at their defaults; a malformed value is an
// Error naming the field, since an audit must not guess.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "privilege/capability_set.h"

namespace unroot {

struct ProcessStatus {
  /// Real, effective, saved, filesystem: the order /proc prints them in.
  uint32_t uid[4] = {0, 0, 0, 0};
  uint32_t gid[4] = {0, 0, 0, 0};
  std::vector<uint32_t> groups;
  CapabilitySet inheritable, permitted, effective, bounding, ambient;
  bool no_new_privs = false;
  /// 0 none, 1 strict, 2 filter.
  int seccomp_mode = 0;
  int seccomp_filters = 0;
};

/// Parses the text of a /proc/<pid>/status file.
Result<ProcessStatus> parse_process_status(std::string_view text);

}  // namespace unroot
