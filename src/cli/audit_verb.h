// `unroot audit [--format F] [--fail-on LEVEL] [--engine E] IMAGE|ARCHIVE|-`
// and `unroot audit --explain ID`.
#pragma once

namespace unroot::cli {

/// Runs the audit verb; argv[0] is "audit". Returns 0 (findings below the
/// --fail-on level), 1 (at or above it), 2 (a usage error, or an image that
/// cannot be read).
int run_audit_verb(int argc, char** argv);

}  // namespace unroot::cli
