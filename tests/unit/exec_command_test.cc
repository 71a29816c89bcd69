#include "process/exec_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fork_probe.h"

namespace unroot {
namespace {

// Runs exec_command(argv) in a child; the child exits with the Error's status
// after writing its message, or with the command's own status.
testing::ChildResult exec_in_child(std::vector<std::string> args, const char* path = nullptr) {
  return testing::run_in_child([&](int out) {
    if (path) setenv("PATH", path, 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    dup2(out, 1);
    Error e = exec_command(argv.data());
    testing::write_text(out, e.message());
    return e.status;
  });
}

TEST(ExecCommand, SearchesPath) {
  auto r = exec_in_child({"echo", "hello"}, "/nonexistent:/bin:/usr/bin");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "hello\n");
}

TEST(ExecCommand, PassesTheCommandsExitStatus) {
  auto r = exec_in_child({"/bin/sh", "-c", "exit 7"});
  EXPECT_EQ(r.status, 7);
}

TEST(ExecCommand, NotFoundIs127AndNamesThePath) {
  auto r = exec_in_child({"unroot-no-such-command"}, "/nonexistent:/bin");
  EXPECT_EQ(r.status, 127);
  EXPECT_EQ(r.out,
            "cannot run \"unroot-no-such-command\": not found in PATH (/nonexistent:/bin) "
            "(check the command name and the image's PATH)");
  auto path = exec_in_child({"/nonexistent/cmd"});
  EXPECT_EQ(path.status, 127);
  EXPECT_NE(path.out.find("no such file"), std::string::npos);
}

TEST(ExecCommand, NotExecutableIs126) {
  testing::TempDir dir;
  std::string file = dir.write("data", "not a program\n", 0644);
  auto r = exec_in_child({file});
  EXPECT_EQ(r.status, 126);
  EXPECT_NE(r.out.find("Permission denied"), std::string::npos) << r.out;
  auto directory = exec_in_child({dir.path()});
  EXPECT_EQ(directory.status, 126);
}

TEST(ExecCommand, UnenterablePathDirectoryIsNotFoundNotDenied) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to become another user";
  testing::TempDir dir;
  chmod(dir.path().c_str(), 0700);
  auto r = testing::run_in_child([&](int out) {
    setenv("PATH", (dir.path() + ":/bin").c_str(), 1);
    if (setresuid(65534, 65534, 65534) != 0) return 3;
    char* argv[] = {const_cast<char*>("unroot-no-such-command"), nullptr};
    Error e = exec_command(argv);
    testing::write_text(out, e.message());
    return e.status;
  });
  EXPECT_EQ(r.status, 127) << r.out;
}

TEST(ExecCommand, NonExecutableInPathIs126EvenIfLaterMissing) {
  testing::TempDir dir;
  dir.write("tool", "#!/bin/sh\n", 0644);
  auto r = exec_in_child({"tool"}, (dir.path() + ":/nonexistent").c_str());
  EXPECT_EQ(r.status, 126);
  EXPECT_NE(r.out.find(dir.path() + "/tool: Permission denied"), std::string::npos) << r.out;
}

TEST(ExecCommand, LaterExecutableWinsOverEarlierDenied) {
  testing::TempDir dir;
  dir.write("echo", "", 0644);
  auto r = exec_in_child({"echo", "found"}, (dir.path() + ":/bin").c_str());
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "found\n");
}

TEST(ExecCommand, NoValidFormatIsReportedNotRunByShell) {
  testing::TempDir dir;
  std::string file = dir.write("script", "echo ran\n", 0755);
  auto r = exec_in_child({file});
  EXPECT_EQ(r.status, 126);
  EXPECT_NE(r.out.find("Exec format error"), std::string::npos) << r.out;
}

TEST(ExecCommand, UnsetPathSearchesBinAndUsrBin) {
  auto r = testing::run_in_child([](int out) {
    unsetenv("PATH");
    dup2(out, 1);
    char* argv[] = {const_cast<char*>("echo"), const_cast<char*>("default"), nullptr};
    return exec_command(argv).status;
  });
  EXPECT_EQ(r.out, "default\n");
}

}  // namespace
}  // namespace unroot
