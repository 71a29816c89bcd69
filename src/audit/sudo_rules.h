// Sudo and doas rules: does a configuration let a given user run any command
// as root without a password? Parses sudoers(5) (continuations, comments,
// User_Alias/Runas_Alias/Cmnd_Alias, Defaults !authenticate, NOPASSWD tags,
// ALL, #uid, %group, %#gid, ! negation, last match wins) and doas.conf(5)
// (permit/deny, nopass, :group, as, cmd, last match wins). Includes are
// returned for the caller to read; nothing here touches the file system.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace unroot {

/// The user the question is about.
struct SudoSubject {
  std::string name;
  uint32_t uid = 0;
  std::vector<std::string> group_names;
  std::vector<uint32_t> gids;
};

struct SudoersVerdict {
  /// A rule grants SUBJECT every command as root with no password.
  bool passwordless_all = false;
  /// The line of that rule (1-based), for the evidence.
  int line = 0;
  /// `#include`/`@include` files and `#includedir`/`@includedir` directories.
  std::vector<std::string> include_files;
  std::vector<std::string> include_dirs;
};

/// Evaluates one sudoers file for `subject`. Aliases defined in `text` apply.
SudoersVerdict evaluate_sudoers(std::string_view text, const SudoSubject& subject);

/// Evaluates a doas.conf for `subject`: line of the deciding `permit nopass`
/// rule, or 0 when the last matching rule for "any command as root" is not one.
int doas_passwordless_all(std::string_view text, const SudoSubject& subject);

}  // namespace unroot
