// `unroot lint [--format F] [--fail-on LEVEL] [--engine E] [--ignore ID]... [FILE|-]...`
// and `unroot lint --explain ID`.
#pragma once

namespace unroot::cli {

/// Runs the lint verb; argv[0] is "lint". Returns 0 (findings below the
/// --fail-on level), 1 (at or above it), 2 (a parse or usage error).
int run_lint_verb(int argc, char** argv);

}  // namespace unroot::cli
