#include "process/supervisor.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "fork_probe.h"

namespace unroot {
namespace {

using namespace std::chrono_literals;

using testing::RecordingReporter;

/// A supervisor running `script` (for /bin/sh -c) in a forked child, so its
/// subreaper role and signal mask stay out of the test runner.
class Supervised {
 public:
  Supervised(const std::string& script, SupervisorConfig config) : script_(script) {
    pid_ = fork();
    if (pid_ == 0) {
      char* argv[] = {const_cast<char*>("/bin/sh"), const_cast<char*>("-c"), script_.data(),
                      nullptr};
      config.argv = argv;
      SilentReporter reporter;
      auto status = supervise(config, reporter);
      _exit(status.ok() ? *status : 200);
    }
  }
  ~Supervised() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  pid_t pid() const { return pid_; }
  int wait() {
    int wstatus = 0;
    waitpid(pid_, &wstatus, 0);
    waited_ = true;
    return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  }

 private:
  std::string script_;
  pid_t pid_ = -1;
  bool waited_ = false;
};

using testing::read_file;

/// Waits up to 5 s for `path` to contain `text`.
bool wait_for(const std::string& path, const std::string& text) {
  for (int i = 0; i < 500; ++i) {
    if (read_file(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

/// Children of `pid` that are zombies, from /proc.
int zombie_children(pid_t pid) {
  int zombies = 0;
  DIR* proc = opendir("/proc");
  while (dirent* e = readdir(proc)) {
    std::string status = read_file(std::string("/proc/") + e->d_name + "/status");
    if (status.find("\nPPid:\t" + std::to_string(pid) + "\n") != std::string::npos &&
        status.find("\nState:\tZ") != std::string::npos) {
      ++zombies;
    }
  }
  closedir(proc);
  return zombies;
}

TEST(Supervisor, ExitsWithCmdsStatusOr128PlusSignal) {
  EXPECT_EQ(Supervised("exit 3", {}).wait(), 3);
  EXPECT_EQ(Supervised("kill -USR1 $$", {}).wait(), 128 + SIGUSR1);
  EXPECT_EQ(Supervised("/nonexistent/cmd", {}).wait(), 127);
}

TEST(Supervisor, RemapsChosenStatusesToZero) {
  SupervisorConfig config;
  config.remap_to_zero.set(143);
  EXPECT_EQ(Supervised("kill -TERM $$", config).wait(), 0);
  EXPECT_EQ(Supervised("exit 142", config).wait(), 142);
}

TEST(Supervisor, ForwardsSignalsToCmd) {
  testing::TempDir dir;
  for (int sig : {SIGHUP, SIGINT, SIGUSR1, SIGTERM, SIGWINCH, SIGRTMIN + 1}) {
    std::string log = dir.path() + "/log" + std::to_string(sig);
    std::string script = "trap 'echo got >> " + log + "; exit 0' " + std::to_string(sig) +
                         "; echo ready > " + log + "; while :; do sleep 0.05; done";
    Supervised sup(script, {});
    ASSERT_TRUE(wait_for(log, "ready")) << sig;
    kill(sup.pid(), sig);
    ASSERT_TRUE(wait_for(log, "got")) << sig;
    EXPECT_EQ(sup.wait(), 0) << sig;
  }
}

TEST(Supervisor, RewritesSignals) {
  testing::TempDir dir;
  std::string log = dir.path() + "/log";
  SupervisorConfig config;
  config.rewrite[SIGTERM] = SIGQUIT;
  Supervised sup("trap 'echo quit >> " + log + "; exit 0' QUIT; trap 'exit 1' TERM; echo ready > " +
                     log + "; while :; do sleep 0.05; done",
                 config);
  ASSERT_TRUE(wait_for(log, "ready"));
  kill(sup.pid(), SIGTERM);
  EXPECT_EQ(sup.wait(), 0);
  EXPECT_NE(read_file(log).find("quit"), std::string::npos);
}

TEST(Supervisor, KillGroupReachesGrandchildren) {
  testing::TempDir dir;
  std::string log = dir.path() + "/log";
  // CMD's trap first, as below: the grandchild's "ready" must not outrun it.
  std::string script = "trap 'wait; exit 0' USR1; sh -c \"trap 'echo grandchild >> " + log +
                       "; exit 0' USR1; echo ready > " + log +
                       "; while :; do sleep 0.05; done\" & wait";
  SupervisorConfig group;
  group.kill_group = true;
  Supervised sup(script, group);
  ASSERT_TRUE(wait_for(log, "ready"));
  kill(sup.pid(), SIGUSR1);
  EXPECT_TRUE(wait_for(log, "grandchild"));
  EXPECT_EQ(sup.wait(), 0);
}

TEST(Supervisor, WithoutKillGroupGrandchildrenAreSpared) {
  testing::TempDir dir;
  std::string log = dir.path() + "/log";
  // CMD's trap comes first: set after starting the grandchild, the grandchild's
  // "ready" could come before it, and USR1 then killed CMD (status 138, seen on
  // a loaded machine).
  std::string script = "trap 'exit 0' USR1; sh -c \"trap 'echo grandchild >> " + log +
                       "; exit 0' USR1; echo ready > " + log +
                       "; sleep 1\" & while :; do sleep 0.05; done";
  Supervised sup(script, {});
  ASSERT_TRUE(wait_for(log, "ready"));
  kill(sup.pid(), SIGUSR1);
  EXPECT_EQ(sup.wait(), 0);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(read_file(log).find("grandchild"), std::string::npos);
}

TEST(Supervisor, ReapsOrphans) {
  testing::TempDir dir;
  std::string log = dir.path() + "/log";
  Supervised sup("i=0; while [ $i -lt 200 ]; do (true &); i=$((i+1)); done; echo spawned > " + log +
                     "; sleep 1",
                 {});
  ASSERT_TRUE(wait_for(log, "spawned"));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(zombie_children(sup.pid()), 0);
  EXPECT_EQ(sup.wait(), 0);
}

TEST(Supervisor, GraceLetsHelpersFinish) {
  testing::TempDir dir;
  std::string log = dir.path() + "/log";
  SupervisorConfig config;
  config.grace_seconds = 5;
  Supervised sup("sh -c \"trap 'sleep 0.3; echo flushed >> " + log +
                     "; exit 0' TERM; echo ready > " + log +
                     "; while :; do sleep 0.05; done\" & while ! grep -q ready " + log +
                     " 2>/dev/null; do sleep 0.05; done; exit 7",
                 config);
  EXPECT_EQ(sup.wait(), 7);
  EXPECT_NE(read_file(log).find("flushed"), std::string::npos);
}

TEST(Supervisor, GraceEndsWithSigkill) {
  // The helper notes the SIGTERM and carries on; only SIGKILL can end it.
  testing::TempDir dir;
  std::string pidfile = dir.path() + "/helper";
  std::string log = dir.path() + "/log";
  SupervisorConfig config;
  config.grace_seconds = 1;
  Supervised sup("sh -c \"trap 'echo got TERM >> " + log + "' TERM; echo \\$\\$ > " + pidfile +
                     "; while :; do sleep 0.05; done\" & while [ ! -s " + pidfile +
                     " ]; do sleep 0.05; done; exit 0",
                 config);
  EXPECT_EQ(sup.wait(), 0);
  EXPECT_NE(read_file(log).find("got TERM"), std::string::npos);
  pid_t helper = std::stoi(read_file(pidfile));
  EXPECT_EQ(kill(helper, 0), -1);
}

TEST(Supervisor, SetsTheParentDeathSignal) {
  auto r = testing::run_in_child([](int out) {
    SupervisorConfig config;
    config.pdeathsig = SIGUSR2;
    char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
    config.argv = argv;
    SilentReporter reporter;
    auto status = supervise(config, reporter);
    int sig = 0;
    prctl(PR_GET_PDEATHSIG, &sig);
    testing::write_text(out,
                        std::to_string(status.ok() ? *status : -1) + " " + std::to_string(sig));
    return 0;
  });
  EXPECT_EQ(r.out, "0 " + std::to_string(SIGUSR2));
}

TEST(Supervisor, VerboseAndReapWarningsAreReported) {
  auto r = testing::run_in_child([](int out) {
    SupervisorConfig config;
    config.verbose = true;
    config.warn_on_reap = true;
    char* argv[] = {const_cast<char*>("/bin/sh"), const_cast<char*>("-c"),
                    const_cast<char*>("(true &); sleep 0.2"), nullptr};
    config.argv = argv;
    RecordingReporter reporter;
    auto status = supervise(config, reporter);
    testing::write_text(out, reporter.lines);
    return status.ok() ? *status : 99;
  });
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("spawned /bin/sh as pid"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("reaped zombie process"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CMD exited with status 0"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace unroot
