#include "process/child_output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utility>

namespace unroot {

Result<ChildOutput> ChildOutput::start(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return Error{"starting " + argv[0], strerror(errno), "free some file descriptors"};
  }
  UniqueFd read_end(pipe_fds[0]);
  UniqueFd write_end(pipe_fds[1]);
  // Standard error goes to memory, not a second pipe: nothing can block on
  // it while the caller reads standard output.
  UniqueFd err(memfd_create("unroot-child-stderr", MFD_CLOEXEC));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), 1);
  if (err.valid()) {
    posix_spawn_file_actions_adddup2(&actions, err.get(), 2);
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  }
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return Error{"starting " + argv[0], strerror(spawned), "install it, or put it on PATH"};
  }
  return ChildOutput(pid, std::move(read_end), std::move(err));
}

ChildOutput::ChildOutput(ChildOutput&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      out_(std::move(other.out_)),
      err_(std::move(other.err_)) {}

ChildOutput::~ChildOutput() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    finish();
  }
}

void ChildOutput::drain() {
  char buffer[65536];
  for (;;) {
    ssize_t n = read(out_.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
  }
}

int ChildOutput::finish(std::string* err) {
  out_.reset();
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (err && err_.valid()) {
    char buffer[4096];
    ssize_t n = pread(err_.get(), buffer, sizeof buffer, 0);
    if (n > 0) err->assign(buffer, static_cast<size_t>(n));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status)
                           : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace unroot
