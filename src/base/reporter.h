// Reporter: the only way library code talks to a person. The library never
// prints; it hands notices to the Reporter the CLI gave it.
#pragma once

#include <string_view>

namespace unroot {

/// Receives one-line notices (not errors: those travel as Result values),
/// and progress of long work, which a reporter may show or not.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void notice(std::string_view line) = 0;
  /// The latest state of work in progress; each call replaces the last.
  virtual void progress(std::string_view) {}
};

/// Drops every notice; for `--quiet` and for tests that do not look.
class SilentReporter final : public Reporter {
 public:
  void notice(std::string_view) override {}
};

}  // namespace unroot
