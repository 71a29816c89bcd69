// The syntax tree of a Dockerfile as BuildKit's frontend reads it: parser
// directives, then instructions with their flags, their arguments in shell or
// exec (JSON) form, and their heredocs, each with its position. Nothing here
// is interpreted: variables are not expanded, stages are not resolved.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace unroot::dockerfile {

/// 1-based line and column (in bytes) in the Dockerfile.
struct Position {
  int line = 0;
  int column = 0;
  bool operator==(const Position&) const = default;
};

/// `# name=value` before the first instruction: syntax, escape, check.
struct Directive {
  std::string name;  ///< lower-case
  std::string value;
  Position position;
};

/// `--name=value` (or `--name` alone) between the keyword and the arguments.
struct Flag {
  std::string name;  ///< without the dashes
  std::string value;
  bool has_value = false;
  Position position;
};

/// `<<EOF` (`<<-EOF` strips leading tabs; a quoted word disables expansion).
struct Heredoc {
  std::string name;
  std::string body;  ///< lines between the marker and the terminator, each ending in '\n'
  bool strip_tabs = false;
  bool quoted = false;
  Position position;  ///< of the `<<`
};

struct Instruction {
  std::string keyword;  ///< upper-case: FROM, RUN, COPY...
  Position position;    ///< of the keyword
  int end_line = 0;     ///< last line, continuations and heredocs included
  std::vector<Flag> flags;
  /// The arguments after the flags as one line: continuations joined (the
  /// escape and newline removed, comment lines inside dropped), trimmed.
  std::string arguments;
  Position arguments_position;
  /// Exec form: `arguments` was a JSON array of strings, now in `json`.
  bool exec_form = false;
  std::vector<std::string> json;
  std::vector<Heredoc> heredocs;
  /// ONBUILD's own instruction.
  std::shared_ptr<Instruction> triggered;
};

/// A `#` line between instructions (directives and comments inside a
/// continuation are not kept).
struct Comment {
  int line = 0;
  std::string text;  ///< after the `#`, trimmed
};

struct Dockerfile {
  std::vector<Directive> directives;
  std::vector<Comment> comments;
  char escape = '\\';
  std::vector<Instruction> instructions;
};

/// A Dockerfile that cannot be read, and where.
struct SyntaxError {
  Position position;
  std::string message;
};

}  // namespace unroot::dockerfile
