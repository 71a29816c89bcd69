// Word expansion as BuildKit applies it to FROM, USER, COPY --chown, WORKDIR,
// ENV, ARG and the like: quotes ('...' literal, "..." expanding), the escape
// character, and $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:+alt}, ${VAR+alt}, ${VAR:?message}, ${VAR?message}. Unset variables
// expand to nothing. RUN, CMD and ENTRYPOINT are left to the shell.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace unroot::dockerfile {

/// Variables in scope (ARG and ENV), by name.
using Variables = std::map<std::string, std::string, std::less<>>;

/// A failure of expansion: `${VAR:?message}` on an unset VAR, a `${` never closed.
struct ExpandError {
  std::string message;
};

/// Expands one word (quotes removed).
Result<std::string, ExpandError> expand_word(std::string_view word, const Variables& variables,
                                             char escape = '\\');

/// Splits `text` at unquoted blanks and expands each word (ENV a=b c="d e").
Result<std::vector<std::string>, ExpandError> expand_words(std::string_view text,
                                                           const Variables& variables,
                                                           char escape = '\\');

/// Whether `word` uses a variable at all (so its value depends on build args).
bool mentions_variable(std::string_view word, char escape = '\\');

}  // namespace unroot::dockerfile
