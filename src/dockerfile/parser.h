// parse_dockerfile: Dockerfile text to its syntax tree, as BuildKit's
// frontend splits it — parser directives (syntax, escape with `\` or a
// backtick, check), line continuations with comment and empty lines inside,
// heredocs (several per line, `<<-`, quoted words), exec and shell forms,
// leading `--flags`, ONBUILD triggers, case-insensitive keywords. Garbage in
// gives a SyntaxError with its position, never a crash or a hang: the work is
// linear in the input.
#pragma once

#include <string_view>

#include "base/result.h"
#include "dockerfile/syntax.h"

namespace unroot::dockerfile {

Result<Dockerfile, SyntaxError> parse_dockerfile(std::string_view text);

}  // namespace unroot::dockerfile
