#include "lint/shell_commands.h"

#include <gtest/gtest.h>

namespace unroot::lint {
namespace {

std::vector<std::string> names(const std::vector<SimpleCommand>& commands) {
  std::vector<std::string> out;
  for (const SimpleCommand& c : commands) out.push_back(c.name());
  return out;
}

TEST(SplitShell, OperatorsPipesAndNewlines) {
  auto commands =
      split_shell("apt-get update && apt-get install -y curl || true; ls | wc -l &\necho done");
  EXPECT_EQ(names(commands),
            (std::vector<std::string>{"apt-get", "apt-get", "true", "ls", "wc", "echo"}));
  EXPECT_EQ(commands[1].arguments, (std::vector<std::string>{"install", "-y", "curl"}));
  EXPECT_EQ(commands[5].line, 2);
}

TEST(SplitShell, QuotesAreRemovedAndNeverSplit) {
  auto commands = split_shell("echo 'a && b' \"c; d\" e\\ f");
  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(commands[0].arguments, (std::vector<std::string>{"a && b", "c; d", "e f"}));
}

TEST(SplitShell, PrefixesAndShellCAreLookedThrough) {
  auto commands =
      split_shell("sudo -u root env -i A=1 apt-get update; sh -c 'useradd app && chown app /x'");
  EXPECT_EQ(names(commands), (std::vector<std::string>{"apt-get", "useradd", "chown"}));
  EXPECT_EQ(commands[0].via, (std::vector<std::string>{"sudo", "env"}));
  EXPECT_EQ(commands[1].via, (std::vector<std::string>{"sh -c"}));
  EXPECT_EQ(split_shell("/bin/bash -ec \"exec gosu app x\"")[0].via,
            (std::vector<std::string>{"bash -c", "exec"}));
  // sudo and doas to another user than root are told apart: that is a drop.
  EXPECT_EQ(split_shell("exec sudo -E -u app x")[0].via,
            (std::vector<std::string>{"exec", "sudo -u"}));
  EXPECT_EQ(split_shell("sudo --user app x")[0].program, "x");
  EXPECT_EQ(split_shell("sudo --user=#0 x")[0].via, (std::vector<std::string>{"sudo"}));
  EXPECT_EQ(split_shell("doas -u app x")[0].via, (std::vector<std::string>{"doas -u"}));
}

TEST(SplitShell, AssignmentsKeywordsAndGroupingAreNotPrograms) {
  auto commands = split_shell(
      "DEBIAN_FRONTEND=noninteractive apt-get install x; if [ -f a ]; then (cd /x && make); fi; "
      "for f in a b; do rm $f; done; { echo x; }");
  EXPECT_EQ(names(commands),
            (std::vector<std::string>{"apt-get", "[", "cd", "make", "rm", "echo"}));
}

TEST(SplitShell, RedirectionsAreWritesNotArguments) {
  auto commands = split_shell("echo 'app:x:1:1::/:/bin/sh' >> /etc/passwd; <<EOF cat >/tmp/x 2>&1");
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(commands[0].arguments, (std::vector<std::string>{"app:x:1:1::/:/bin/sh"}));
  EXPECT_EQ(commands[0].writes, (std::vector<std::string>{"/etc/passwd"}));
  EXPECT_EQ(commands[1].name(), "cat");
  EXPECT_EQ(commands[1].writes.front(), "/tmp/x");
}

TEST(SplitShell, CommentsAndContinuations) {
  auto commands = split_shell("apt-get update \\\n  && apt-get install x # install it; rm -rf /\n");
  EXPECT_EQ(names(commands), (std::vector<std::string>{"apt-get", "apt-get"}));
  EXPECT_EQ(commands[1].arguments.back(), "x");
}

// Each guard as "COND" or "!COND" (failed), "?" for a case branch.
std::vector<std::string> guards_of(const SimpleCommand& command) {
  std::vector<std::string> out;
  for (const Guard& guard : command.guards) {
    std::string text;
    for (const std::string& word : guard.condition) text += (text.empty() ? "" : " ") + word;
    if (guard.condition.empty()) text = "?";
    out.push_back((guard.holds ? "" : "!") + text);
  }
  return out;
}

TEST(SplitShell, CommandsCarryTheBranchesTheyRunIn) {
  auto commands = split_shell(
      "if [ \"$1\" = a ]; then\n  exec one\nelif [ -n \"$X\" ]; then two\nelse\n  three\nfi\n"
      "exec four");
  ASSERT_EQ(names(commands), (std::vector<std::string>{"[", "one", "[", "two", "three", "four"}));
  EXPECT_EQ(guards_of(commands[1]), (std::vector<std::string>{"[ $1 = a ]"}));
  EXPECT_EQ(guards_of(commands[3]), (std::vector<std::string>{"![ $1 = a ]", "[ -n $X ]"}));
  EXPECT_EQ(guards_of(commands[4]), (std::vector<std::string>{"![ $1 = a ]", "![ -n $X ]"}));
  EXPECT_TRUE(commands[5].guards.empty());
  // The same if's condition has one id in every branch.
  EXPECT_EQ(commands[1].guards[0].id, commands[4].guards[0].id);
}

TEST(SplitShell, TestChainsCaseBranchesAndBackgroundCommands) {
  auto commands = split_shell(
      "[ -z \"$A\" ] || exec gosu app x\nchown a b && exec c\n"
      "case \"$1\" in\n  run|serve) exec d ;;\n  *) e ;;\nesac\nserver &\nwait");
  ASSERT_EQ(names(commands),
            (std::vector<std::string>{"[", "gosu", "chown", "c", "d", "e", "server", "wait"}));
  EXPECT_EQ(guards_of(commands[1]), (std::vector<std::string>{"![ -z $A ]"}));
  EXPECT_FALSE(commands[1].guards[0].assumed);
  ASSERT_EQ(commands[3].guards.size(), 1u);
  EXPECT_TRUE(commands[3].guards[0].assumed);  // chown is no test: its success is assumed
  // A case branch runs when its patterns match and no earlier branch's did.
  EXPECT_EQ(guards_of(commands[4]), (std::vector<std::string>{"case $1 run serve"}));
  EXPECT_EQ(guards_of(commands[5]), (std::vector<std::string>{"!case $1 run serve", "case $1 *"}));
  EXPECT_TRUE(commands[6].background);
  EXPECT_FALSE(commands[7].background);
  // Tests joined by && or || are one condition.
  auto joined = split_shell(
      "if [ -n \"$A\" ] && [ -n \"$B\" ]; then x; fi\n"
      "if [ -n \"$A\" ] || [ -n \"$B\" ]; then y; fi");
  EXPECT_EQ(guards_of(joined[2]), (std::vector<std::string>{"[ -n $A ] && [ -n $B ]"}));
  EXPECT_EQ(guards_of(joined[5]), (std::vector<std::string>{"[ -n $A ] || [ -n $B ]"}));
  // A command substitution is one word, blanks and all.
  auto substituted = split_shell("if [ $(id -u) -ne 0 ] || [ `id -u` = 0 ]; then x; fi");
  EXPECT_EQ(substituted[0].arguments, (std::vector<std::string>{"$(id -u)", "-ne", "0", "]"}));
  EXPECT_EQ(substituted[1].arguments, (std::vector<std::string>{"`id -u`", "=", "0", "]"}));
}

TEST(MatchesPattern, ShellPatternsByteByByte) {
  EXPECT_TRUE(matches_pattern("rabbitmq*", "rabbitmq-server"));
  EXPECT_TRUE(matches_pattern("*", ""));
  EXPECT_TRUE(matches_pattern("node*current/index.js*", "node current/index.js --x"));
  EXPECT_FALSE(matches_pattern("node*current/index.js*", "node server.js"));
  EXPECT_TRUE(matches_pattern("?.sh", "a.sh"));
  EXPECT_FALSE(matches_pattern("?.sh", "ab.sh"));
  EXPECT_TRUE(matches_pattern("[a-c]x", "bx"));
  EXPECT_FALSE(matches_pattern("[!a-c]x", "bx"));
  EXPECT_TRUE(matches_pattern("[]]", "]"));
  EXPECT_TRUE(matches_pattern("a[", "a["));
  EXPECT_TRUE(matches_pattern("\\*", "*"));
  EXPECT_FALSE(matches_pattern("\\*", "x"));
  EXPECT_TRUE(matches_pattern("*a*b", "xxaxxb"));
  EXPECT_FALSE(matches_pattern("*a*b", "xxaxxc"));
}

}  // namespace
}  // namespace unroot::lint
