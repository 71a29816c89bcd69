// split_shell: a POSIX shell script (a RUN line, a heredoc, an entrypoint
// script) as the simple commands it runs, so that rules see program names
// and arguments, not substrings. Splits at `&&`, `||`, `;`, `|`, `&` and
// newlines; drops grouping (`( )`, `{ }`), compound-command keywords (if,
// then, for ... in ...; do, while ...) and leading VAR=value assignments;
// looks through `sh -c 'script'` (and bash, ash, dash) and the prefixes env,
// sudo, doas, exec, command, nohup, time, nice. Quotes are removed; variables
// stay as written. Comments are dropped. Not a shell: no expansion, no
// functions, no aliases. Each command carries the conditions it runs under
// (the if/elif/else branches around it, `test && cmd`, `case`), so that a
// reader can tell a branch from the main path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unroot::lint {

/// A condition a command runs under: `condition` (a test's words, program
/// first; empty when it cannot be told, as for `case`) held or failed.
struct Guard {
  std::vector<std::string> condition;
  bool holds = true;
  /// From `cmd && next` where cmd is no test: taken to succeed, as a build's
  /// or entrypoint's main path assumes.
  bool assumed = false;
  /// The same condition has the same id within one split_shell result: an
  /// if's condition is decided once, when the if is reached.
  int id = 0;
};

struct SimpleCommand {
  /// The program as written (words[0] of the command, after prefixes).
  std::string program;
  std::vector<std::string> arguments;
  /// Prefixes looked through, in order: "sudo" ("sudo -u" with a target
  /// user), "env", "sh -c", ...
  std::vector<std::string> via;
  /// Output redirections `> FILE` / `>> FILE` of this command.
  std::vector<std::string> writes;
  /// 1-based line of the script the command starts on.
  int line = 1;
  /// The conditions it runs under, outermost first; empty on the main path.
  std::vector<Guard> guards;
  bool background = false;  ///< ended by `&`

  /// The program's file name: "apt-get" for "/usr/bin/apt-get".
  std::string name() const;
};

std::vector<SimpleCommand> split_shell(std::string_view script);

/// `words` as one shell command line, each word single-quoted.
std::string quote_words(const std::vector<std::string>& words);

/// The file name of a path: "apt-get" for "/usr/bin/apt-get".
std::string base_name(std::string_view path);

/// Whether `text` matches the shell pattern `pattern` (`*`, `?`, `[a-z]`,
/// `[!x]`, backslash escapes), as case, [[ == ]] and path globs match: bytes,
/// no locale.
bool matches_pattern(std::string_view pattern, std::string_view text);

}  // namespace unroot::lint
