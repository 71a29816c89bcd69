// The command line as a user meets it: the built binary, run as a program.
#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>

#include "base/architecture.h"
#include "fork_probe.h"
#include "version.h"

namespace unroot {
namespace {

using testing::run_program;

const std::string kUnroot = UNROOT_TEST_BINARY;

TEST(Cli, VersionAndHelp) {
  auto version = run_program({kUnroot, "--version"});
  EXPECT_EQ(version.status, 0);
  // The version of CMake's project(), a commit (or unknown), this architecture.
  std::regex line("unroot " UNROOT_VERSION " \\(([0-9a-f]{12}(-dirty)?|unknown), " UNROOT_ARCH
                  "\\)\n");
  EXPECT_TRUE(std::regex_match(version.out, line)) << version.out;
  EXPECT_NE(std::string(UNROOT_ARCH), "unknown");
  auto help = run_program({kUnroot, "exec", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--keep-cap NAME"), std::string::npos);
}

TEST(Cli, UsageErrorsAreOneLineAnd125) {
  for (std::vector<std::string> args : {std::vector<std::string>{kUnroot},
                                        {kUnroot, "frobnicate"},
                                        {kUnroot, "exec"},
                                        {kUnroot, "exec", "app"},
                                        {kUnroot, "exec", "app", "--"},
                                        {kUnroot, "exec", "--bogus", "app", "true"},
                                        {kUnroot, "exec", "--keep-cap"},
                                        {kUnroot, "exec", "--keep-cap", "NOPE", "app", "true"}}) {
    auto r = run_program(args);
    EXPECT_EQ(r.status, 125) << args.back();
    EXPECT_EQ(r.err.rfind("unroot", 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

TEST(Cli, ExitStatusesFollowEnvConvention) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  auto ok = run_program({kUnroot, "exec", "65534", "/bin/sh", "-c", "id -u; exit 3"});
  EXPECT_EQ(ok.status, 3);
  EXPECT_EQ(ok.out, "65534\n");
  auto missing = run_program({kUnroot, "exec", "65534", "unroot-no-such-command"});
  EXPECT_EQ(missing.status, 127);
  EXPECT_EQ(missing.err.rfind("unroot: cannot run \"unroot-no-such-command\"", 0), 0u)
      << missing.err;
  auto unknown = run_program({kUnroot, "exec", "unroot-no-such-user", "true"});
  EXPECT_EQ(unknown.status, 125);
  EXPECT_NE(unknown.err.find("no user \"unroot-no-such-user\""), std::string::npos);
}

TEST(Cli, DashDashAndArgumentsReachTheCommandUnchanged) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  auto r = run_program({kUnroot, "exec", "--quiet", "65534", "--", "/bin/echo", "--", "-x", "a b"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "-- -x a b\n");
}

TEST(Cli, InitUsageErrorsAre125AndStartNothing) {
  for (std::vector<std::string> args : {std::vector<std::string>{kUnroot, "init"},
                                        {kUnroot, "init", "--"},
                                        {kUnroot, "init", "--bogus", "true"},
                                        {kUnroot, "init", "--rewrite", "TERM", "true"},
                                        {kUnroot, "init", "--rewrite", "CHLD:TERM", "true"},
                                        {kUnroot, "init", "-e", "256", "true"},
                                        {kUnroot, "init", "--grace", "x", "true"},
                                        {kUnroot, "init", "-p", "NOPE", "true"},
                                        {kUnroot, "init", "--keep-cap", "CHOWN", "true"},
                                        {kUnroot, "init", "--allow-escalation", "true"},
                                        {kUnroot, "init", "--allow", "ptrace", "true"},
                                        {kUnroot, "init", "--allow", "userns", "true"},
                                        {kUnroot, "init", "--write", "/tmp", "true"},
                                        {kUnroot, "init", "--write-strict", "true"},
                                        {kUnroot, "init", "--uid", "5", "true"},
                                        {kUnroot, "init", "--chown-path", "/tmp", "true"}}) {
    auto r = run_program(args);
    EXPECT_EQ(r.status, 125) << args[2];
    EXPECT_EQ(r.err.rfind("unroot init: usage: ", 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

TEST(Cli, CheckUsageErrorsAre125) {
  for (std::vector<std::string> args : {std::vector<std::string>{kUnroot, "check", "--bogus"},
                                        {kUnroot, "check", "extra"},
                                        {kUnroot, "check", "--as"},
                                        {kUnroot, "check", "--keep-cap", "CHOWN"},
                                        {kUnroot, "check", "--as", "app", "--keep-cap", "NOPE"}}) {
    auto r = run_program(args);
    EXPECT_EQ(r.status, 125) << args[2];
    EXPECT_EQ(r.err.rfind("unroot check: usage: ", 0), 0u) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(Cli, CheckExitStatusFollowsTheVerdict) {
  auto r = run_program({kUnroot, "check", "--no-scan"});
  ASSERT_NE(r.out.rfind("verdict: "), std::string::npos) << r.out;
  std::string verdict = r.out.substr(r.out.rfind("verdict: ") + 9);
  EXPECT_EQ(r.status, verdict == "FAIL\n" ? 2 : 0) << verdict;
  auto strict = run_program({kUnroot, "check", "--no-scan", "--strict"});
  EXPECT_EQ(strict.status, verdict == "FAIL\n" ? 2 : verdict == "WARN\n" ? 1 : 0);
}

TEST(Cli, LintExitsBelowAtAndAboveTheThreshold) {
  testing::TempDir dir;
  std::string file =
      dir.write("Dockerfile", "FROM scratch\nCOPY app /app\nUSER 10001\nRUN chmod 777 /app\n");
  auto below = run_program({kUnroot, "lint", "--engine", "none", file});
  EXPECT_EQ(below.status, 0) << below.out;
  EXPECT_EQ(below.out,
            file +
                ":4:1 UR007 warning `chmod 777` makes /app world-writable (fix: grant write "
                "access to the owner or a group (chmod 755/775, chown) instead)\n");
  EXPECT_EQ(run_program({kUnroot, "lint", "--engine", "none", "--fail-on", "warning", file}).status,
            1);
  EXPECT_EQ(run_program({kUnroot, "lint", "--engine", "none", "--fail-on", "warning", "--ignore",
                         "UR007", file})
                .status,
            0);
  std::string root = dir.write("Root.Dockerfile", "FROM scratch\nCOPY app /app\nCMD [\"/app\"]\n");
  EXPECT_EQ(run_program({kUnroot, "lint", "--engine", "none", root}).status, 1);
  EXPECT_EQ(run_program({kUnroot, "lint", "--engine", "none", "--fail-on", "none", root}).status,
            0);
}

TEST(Cli, LintParseAndUsageErrorsAre2WithPositions) {
  testing::TempDir dir;
  std::string bad = dir.write("Dockerfile", "FROM scratch\n  FORM x\n");
  auto parsed = run_program({kUnroot, "lint", "--engine", "none", bad});
  EXPECT_EQ(parsed.status, 2);
  EXPECT_EQ(parsed.err, bad + ":2:3: parse error: unknown instruction: FORM\n");
  for (std::vector<std::string> args :
       {std::vector<std::string>{kUnroot, "lint", "--format", "xml"},
        {kUnroot, "lint", "--fail-on", "all"},
        {kUnroot, "lint", "--engine", "containerd"},
        {kUnroot, "lint", "--ignore", "UR099"},
        {kUnroot, "lint", "--bogus"},
        {kUnroot, "lint", "--explain", "DL3002"},
        {kUnroot, "lint", dir.path() + "/missing"}}) {
    auto r = run_program(args);
    EXPECT_EQ(r.status, 2) << args[2];
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

TEST(Cli, LintReadsStdinAndExplainsRules) {
  auto piped = run_program(
      {"/bin/sh", "-c",
       "printf 'FROM scratch\\nUSER app\\n' | " + kUnroot + " lint --engine none --format json -"});
  EXPECT_EQ(piped.status, 1) << piped.err;
  EXPECT_NE(piped.out.find("\"file\": \"<stdin>\""), std::string::npos) << piped.out;
  EXPECT_NE(piped.out.find("\"rule\": \"UR002\""), std::string::npos);
  auto explained = run_program({kUnroot, "lint", "--explain", "ur003"});
  EXPECT_EQ(explained.status, 0);
  EXPECT_EQ(explained.out.rfind("UR003 (error): ", 0), 0u) << explained.out;
  EXPECT_NE(explained.out.find("Fix: "), std::string::npos);
}

TEST(Cli, InitRunsCmdAndReturnsItsStatus) {
  auto r = run_program({kUnroot, "init", "-e", "4", "--", "/bin/sh", "-c", "echo ran; exit 4"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "ran\n");
  auto help = run_program({kUnroot, "init", "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--grace SECONDS"), std::string::npos);
}

class CompatName : public ::testing::Test {
 protected:
  std::string link(const std::string& name) {
    std::string path = dir_.path() + "/" + name;
    EXPECT_EQ(symlink(kUnroot.c_str(), path.c_str()), 0);
    return path;
  }
  testing::TempDir dir_;
};

TEST_F(CompatName, GosuSpeaksGosu) {
  std::string gosu = link("gosu");
  auto help = run_program({gosu, "--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_EQ(help.out.rfind("Usage: gosu user-spec command [args]", 0), 0u) << help.out;
  auto version = run_program({gosu, "--version"});
  EXPECT_EQ(version.status, 0);
  auto too_few = run_program({gosu, "app"});
  EXPECT_EQ(too_few.status, 1);
  EXPECT_NE(too_few.err.find("Usage: gosu"), std::string::npos);
  if (geteuid() != 0) return;
  auto missing = run_program({gosu, "65534", "unroot-no-such-command"});
  EXPECT_EQ(missing.status, 1);
  auto unknown = run_program({gosu, "unroot-no-such-user", "true"});
  EXPECT_EQ(unknown.status, 1);
  EXPECT_EQ(unknown.err.rfind("gosu: cannot resolve user spec", 0), 0u) << unknown.err;
  auto runs =
      run_program({gosu, "65534:65534", "/bin/sh", "-c", "id -u; id -g"}, {"UNROOT_USER=root"});
  EXPECT_EQ(runs.out, "65534\n65534\n");
}

TEST_F(CompatName, SuExecSpeaksSuExec) {
  std::string su_exec = link("su-exec");
  auto usage = run_program({su_exec});
  EXPECT_EQ(usage.status, 0);
  EXPECT_NE(usage.out.find("user-spec command [args]"), std::string::npos);
  if (geteuid() != 0) return;
  auto missing = run_program({su_exec, "65534", "unroot-no-such-command"});
  EXPECT_EQ(missing.status, 1);
  EXPECT_EQ(missing.err.rfind("su-exec: cannot run", 0), 0u) << missing.err;
  auto runs = run_program({su_exec, "65534", "/bin/sh", "-c", "id -u"});
  EXPECT_EQ(runs.status, 0);
  EXPECT_EQ(runs.out, "65534\n");
}

TEST_F(CompatName, TiniSpeaksTini) {
  std::string tini = link("tini");
  EXPECT_EQ(run_program({tini}).status, 1);
  EXPECT_EQ(run_program({tini, "-h"}).status, 0);
  EXPECT_EQ(run_program({tini, "--version"}).status, 0);
  EXPECT_EQ(run_program({tini, "-x", "true"}).status, 1);
  auto bad_signal = run_program({tini, "-p", "NOPE", "--", "true"});
  EXPECT_EQ(bad_signal.status, 1);
  EXPECT_EQ(bad_signal.err.rfind("tini: unknown signal", 0), 0u) << bad_signal.err;
  EXPECT_EQ(run_program({tini, "--", "/bin/sh", "-c", "exit 6"}).status, 6);
  EXPECT_EQ(run_program({tini, "-e", "6", "--", "/bin/sh", "-c", "exit 6"}).status, 0);
  auto verbose = run_program({tini, "-v", "--", "/bin/true"});
  EXPECT_NE(verbose.err.find("tini: spawned /bin/true as pid"), std::string::npos) << verbose.err;
}

}  // namespace
}  // namespace unroot
