// inspect_sudo_config: which sudo and doas programs a file tree has, and
// whether its configuration (/etc/sudoers with its includes, doas.conf) lets
// a subject run everything as root without a password. The tree is read
// through ConfigFiles, so `unroot check` asks the live file system with the
// process's own access, and `unroot audit` asks an image's layers: one
// evaluator, one verdict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/assess.h"
#include "audit/sudo_rules.h"
#include "base/result.h"

namespace unroot {

/// Read access to the files of a tree, by absolute path.
class ConfigFiles {
 public:
  virtual ~ConfigFiles() = default;
  /// The text of `path`: nullopt when it does not exist, an Error when it
  /// exists but cannot be read.
  virtual Result<std::optional<std::string>> read(const std::string& path) const = 0;
  /// The names in directory `path`: nullopt when there is none, an Error
  /// when it cannot be read.
  virtual Result<std::optional<std::vector<std::string>>> list(const std::string& path) const = 0;
  /// What `path` is, links followed, when it is a regular file: a key equal
  /// for two names of one file. nullopt otherwise.
  virtual std::optional<std::string> regular_file(const std::string& path) const = 0;
};

/// sudo/doas programs, configuration and verdict for `subject`.
SudoFacts inspect_sudo_config(const ConfigFiles& files, const SudoSubject& subject);

}  // namespace unroot
