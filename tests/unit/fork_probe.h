// Test helpers that run code in a child process, so that privilege changes,
// seccomp filters and exec never touch the test runner itself.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/reporter.h"

namespace unroot::testing {

/// What a child left behind: its exit status (128+N for signal N) and what it
/// wrote to its stdout (for run_in_child, to `out_fd`) and stderr.
struct ChildResult {
  int status = -1;
  std::string out;
  std::string err;
};

/// Forks; the child runs `body(out_fd)` and exits with its return value.
ChildResult run_in_child(const std::function<int(int out_fd)>& body);

/// Runs `argv` (argv[0] as the path) with `env` added to the environment.
ChildResult run_program(const std::vector<std::string>& argv,
                        const std::vector<std::string>& env = {});

/// The value of `field` in /proc/self/status of the calling process, e.g. "CapEff".
std::string status_field(const std::string& field);

/// Writes `text` to `fd` whole.
void write_text(int fd, const std::string& text);

/// The whole content of `path` ("" when it cannot be read).
std::string read_file(const std::string& path);

/// The names in directory `dir` (no "." or ".."), sorted; empty when unreadable.
std::vector<std::string> directory_entries(const std::string& dir);

/// The non-empty lines of `text`, sorted: findings compared as sets.
std::vector<std::string> sorted_lines(const std::string& text);

/// Keeps every notice, one per line.
class RecordingReporter : public Reporter {
 public:
  void notice(std::string_view line) override { lines += std::string(line) + "\n"; }
  std::string lines;
};

/// A fresh directory under /tmp, removed with its contents at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  /// Writes `name` (a relative path; its directories are made) and returns its path.
  std::string write(const std::string& name, const std::string& text, int mode = 0644) const;

 private:
  std::string path_;
};

}  // namespace unroot::testing
