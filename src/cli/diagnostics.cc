#include "cli/diagnostics.h"

#include <unistd.h>

#include <string>

namespace unroot::cli {
namespace {

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n <= 0) return;
    text.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

void print_error(std::string_view prog, const Error& error) {
  write_all(2, std::string(prog) + ": " + error.message() + "\n");
}

int usage_error(std::string_view verb, std::string_view why) {
  std::string prog = "unroot " + std::string(verb);
  print_error(prog, Error{"usage", std::string(why), "see " + prog + " --help"});
  return 125;
}

void print_out(std::string_view text) { write_all(1, text); }

void print_err(std::string_view text) { write_all(2, text); }

void StderrReporter::notice(std::string_view line) {
  std::string text = std::string(prog_) + ": " + std::string(line) + "\n";
  if (progress_shown_) text.insert(text.begin(), '\n');
  progress_shown_ = false;
  write_all(2, text);
}

void StderrReporter::progress(std::string_view line) {
  if (!isatty(2)) return;
  write_all(2, "\r" + std::string(prog_) + ": " + std::string(line) + "\033[K");
  progress_shown_ = true;
}

}  // namespace unroot::cli
