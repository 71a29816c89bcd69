// Whole-file reads for small configuration files (/etc/passwd, /etc/group,
// Dockerfiles), bounded.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"

namespace unroot {

/// Largest file read_small_file accepts; account files are far below it, and a
/// bound keeps a hostile or runaway file from exhausting memory.
inline constexpr size_t kMaxSmallFile = size_t{16} * 1024 * 1024;

/// Everything readable from `fd` up to kMaxSmallFile (a pipe, stdin), or an
/// Error naming `name`.
Result<std::string> read_small_stream(int fd, const std::string& name);

/// The contents of `path`, or std::nullopt when it does not exist (ENOENT), or
/// an Error when it exists but cannot be read or exceeds kMaxSmallFile.
Result<std::optional<std::string>> read_small_file(const std::string& path);

}  // namespace unroot
