// split_shell: a POSIX shell script (a RUN line, a heredoc, an entrypoint
// script) as the simple commands it runs, so that rules see program names
// and arguments, not substrings. Splits at `&&`, `||`, `;`, `|`, `&` and
// newlines; drops grouping (`( )`, `{ }`), compound-command keywords (if,
// then, for ... in ...; do, while ...) and leading VAR=value assignments;
// looks through `sh -c 'script'` (and bash, ash, dash) and the prefixes env,
// sudo, doas, exec, command, nohup, time, nice. Quotes are removed; variables
// stay as written. Comments are dropped. Not a shell: no expansion, no
// functions, no aliases.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unroot::lint {

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

  /// The program's file name: "apt-get" for "/usr/bin/apt-get".
  std::string name() const;
};

std::vector<SimpleCommand> split_shell(std::string_view script);

}  // namespace unroot::lint
