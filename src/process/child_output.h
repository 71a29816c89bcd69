// ChildOutput: a program started from PATH with stdin on /dev/null, its
// standard output on a pipe the caller reads as it comes (an engine's
// `save` streams whole images), and its standard error kept in memory for
// the message when it fails.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "base/result.h"
#include "base/unique_fd.h"

namespace unroot {

class ChildOutput {
 public:
  /// Starts argv[0] from PATH; an Error when it cannot start.
  static Result<ChildOutput> start(const std::vector<std::string>& argv);

  ChildOutput(ChildOutput&& other) noexcept;
  ChildOutput& operator=(ChildOutput&&) = delete;
  ChildOutput(const ChildOutput&) = delete;
  ~ChildOutput();

  /// The read end of its standard output.
  int out() const { return out_.get(); }

  /// Reads and discards what is left of its standard output, to the end.
  void drain();

  /// Closes the pipe, waits for the program and returns its exit status
  /// (128 + N for a signal); `err` gets what it wrote to standard error.
  int finish(std::string* err = nullptr);

 private:
  ChildOutput(pid_t pid, UniqueFd out, UniqueFd err)
      : pid_(pid), out_(std::move(out)), err_(std::move(err)) {}
  pid_t pid_ = -1;
  UniqueFd out_;
  UniqueFd err_;
};

}  // namespace unroot
