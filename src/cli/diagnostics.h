// How the command line speaks: one-line errors `PROG: what: why (fix)` and
// notices on stderr, help and version text on stdout.
#pragma once

#include <string_view>

#include "base/reporter.h"
#include "base/result.h"

namespace unroot::cli {

/// Prints `prog: <error message>` on stderr.
void print_error(std::string_view prog, const Error& error);

/// Prints `unroot VERB: usage: WHY (see unroot VERB --help)` on stderr and
/// returns 125, the status of a usage error.
int usage_error(std::string_view verb, std::string_view why);

/// Prints `text` on stdout as it is.
void print_out(std::string_view text);

/// Prints `text` on stderr as it is.
void print_err(std::string_view text);

/// Notices as `prog: line` on stderr; progress as one line rewritten in
/// place, only when stderr is a terminal.
class StderrReporter final : public Reporter {
 public:
  explicit StderrReporter(std::string_view prog) : prog_(prog) {}
  void notice(std::string_view line) override;
  void progress(std::string_view line) override;

 private:
  std::string_view prog_;
  bool progress_shown_ = false;
};

}  // namespace unroot::cli
