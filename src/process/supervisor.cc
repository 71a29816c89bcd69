#include "process/supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <optional>
#include <string>

#include "base/unique_fd.h"
#include "process/exec_command.h"
#include "process/signal_names.h"

namespace unroot {
namespace {

constexpr int kSynchronousFaults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS};

/// The signals init waits for: all it can block.
sigset_t waited_signals() {
  sigset_t set;
  sigfillset(&set);
  for (int sig : kSynchronousFaults) sigdelset(&set, sig);
  return set;
}

int exit_status_of(int wstatus) {
  if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) return 128 + WTERMSIG(wstatus);
  return 125;
}

/// The supervised state: who CMD is and, once it has exited, how.
class Supervision {
 public:
  Supervision(const SupervisorConfig& config, Reporter& reporter)
      : config_(config), reporter_(reporter) {}

  Result<int> run() {
    Status configured = configure_signals();
    if (!configured) return configured.error();
    Status spawned = spawn();
    if (!spawned) return spawned.error();
    while (!cmd_status_) wait_and_forward();
    if (config_.grace_seconds > 0) finish_with_grace();
    int status = *cmd_status_;
    if (config_.verbose) reporter_.notice("CMD exited with status " + std::to_string(status));
    return config_.remap_to_zero.test(static_cast<size_t>(status)) ? 0 : status;
  }

 private:
  Status configure_signals() {
    sigset_t waited = waited_signals();
    if (sigprocmask(SIG_SETMASK, &waited, &child_mask_) != 0) {
      return Error{"cannot block signals", strerror(errno), "report this"};
    }
    // Orphans are re-parented to PID 1 by the kernel; anywhere else they
    // come to init only if it is a child subreaper.
    if (getpid() != 1 && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
      return Error{"cannot become a child subreaper", strerror(errno), "run unroot init as PID 1"};
    }
    if (config_.pdeathsig != 0 && prctl(PR_SET_PDEATHSIG, config_.pdeathsig, 0, 0, 0) != 0) {
      return Error{"cannot set the parent-death signal", strerror(errno), "check --pdeathsig"};
    }
    return Ok{};
  }

  Status spawn() {
    pid_t pid = fork();
    if (pid < 0)
      return Error{"cannot start CMD", strerror(errno), "check the container's pids limit"};
    if (pid == 0) {
      // Own process group, so signals for CMD's group never hit init; the
      // terminal's foreground group, so Ctrl-C and job control reach CMD.
      // SIGTTOU is still blocked here, which tcsetpgrp from a background
      // group needs.
      setpgid(0, 0);
      if (isatty(STDIN_FILENO)) tcsetpgrp(STDIN_FILENO, getpgrp());
      sigprocmask(SIG_SETMASK, &child_mask_, nullptr);
      Error failed = exec_command(config_.argv);
      reporter_.notice(failed.message());
      _exit(failed.status);
    }
    // Also here: whichever side runs first, the group exists before any
    // signal is forwarded to it.
    setpgid(pid, pid);
    cmd_pid_ = pid;
    if (config_.verbose) {
      reporter_.notice("spawned " + std::string(config_.argv[0]) + " as pid " +
                       std::to_string(pid));
    }
    return Ok{};
  }

  void wait_and_forward() {
    sigset_t waited = waited_signals();
    siginfo_t info;
    // The timeout only bounds the wait should a SIGCHLD ever be coalesced
    // away; reaping is driven by SIGCHLD.
    timespec timeout{1, 0};
    int sig = sigtimedwait(&waited, &info, &timeout);
    if (sig < 0 || sig == SIGCHLD) {
      reap();
      return;
    }
    if (!is_forwarded_signal(sig)) return;
    int sent =
        config_.rewrite[static_cast<size_t>(sig)] ? config_.rewrite[static_cast<size_t>(sig)] : sig;
    kill(config_.kill_group ? -cmd_pid_ : cmd_pid_, sent);
    if (config_.verbose) {
      reporter_.notice("passed " + signal_name(sent) + " on to " +
                       (config_.kill_group ? "process group " : "pid ") + std::to_string(cmd_pid_));
    }
  }

  /// Collects every child that has exited; returns false once none is left.
  bool reap() {
    for (;;) {
      int wstatus = 0;
      pid_t pid = waitpid(-1, &wstatus, WNOHANG);
      if (pid == 0) return true;
      if (pid < 0) return errno != ECHILD;
      if (pid == cmd_pid_) {
        cmd_status_ = exit_status_of(wstatus);
      } else if (config_.warn_on_reap) {
        reporter_.notice("reaped zombie process " + std::to_string(pid));
      }
    }
  }

  /// Sends `sig` to every process init is responsible for.
  void signal_remaining(int sig) {
    if (getpid() == 1) {
      // From PID 1, -1 means every other process of the namespace.
      kill(-1, sig);
      return;
    }
    // A subreaper's responsibility is CMD's group plus its direct children
    // (orphans are re-parented to it); kill(-1) would reach the whole host.
    kill(-cmd_pid_, sig);
    std::string path = "/proc/self/task/" + std::to_string(getpid()) + "/children";
    UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return;
    char buf[4096];
    ssize_t n = read(fd.get(), buf, sizeof buf - 1);
    if (n <= 0) return;
    buf[n] = '\0';
    for (char* p = buf; *p;) {
      char* end = nullptr;
      long pid = strtol(p, &end, 10);
      if (end == p) break;
      if (pid > 0) kill(static_cast<pid_t>(pid), sig);
      p = end;
    }
  }

  void finish_with_grace() {
    if (!reap()) return;
    signal_remaining(SIGTERM);
    timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += config_.grace_seconds;
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    while (reap()) {
      timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      long left_ns =
          (deadline.tv_sec - now.tv_sec) * 1000000000L + (deadline.tv_nsec - now.tv_nsec);
      if (left_ns <= 0) {
        signal_remaining(SIGKILL);
        while (reap()) {
          timespec tick{0, 10000000};
          sigtimedwait(&chld, nullptr, &tick);
        }
        return;
      }
      timespec wait{left_ns / 1000000000L, left_ns % 1000000000L};
      sigtimedwait(&chld, nullptr, &wait);
    }
  }

  const SupervisorConfig& config_;
  Reporter& reporter_;
  sigset_t child_mask_{};
  pid_t cmd_pid_ = -1;
  std::optional<int> cmd_status_;
};

}  // namespace

Result<int> supervise(const SupervisorConfig& config, Reporter& reporter) {
  return Supervision(config, reporter).run();
}

}  // namespace unroot
