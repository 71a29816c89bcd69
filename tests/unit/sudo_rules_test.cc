#include "audit/sudo_rules.h"

#include <gtest/gtest.h>

namespace unroot {
namespace {

const SudoSubject kApp{"app", 10001, {"app", "staff"}, {10001, 50}};

bool passwordless(const std::string& sudoers) {
  return evaluate_sudoers(sudoers, kApp).passwordless_all;
}

TEST(Sudoers, NopasswdAllForTheUserItsGroupOrEveryone) {
  EXPECT_TRUE(passwordless("app ALL=(ALL) NOPASSWD: ALL\n"));
  EXPECT_TRUE(passwordless("app ALL=(ALL:ALL) NOPASSWD:ALL\n"));
  EXPECT_TRUE(passwordless("%staff ALL=(root) NOPASSWD: ALL\n"));
  EXPECT_TRUE(passwordless("%#50 ALL = NOPASSWD: ALL\n"));
  EXPECT_TRUE(passwordless("#10001 ALL=NOPASSWD: ALL\n"));
  EXPECT_TRUE(passwordless("ALL ALL=(ALL) NOPASSWD: ALL\n"));
}

TEST(Sudoers, TheRuleLineIsReportedAcrossContinuationsAndComments) {
  SudoersVerdict verdict = evaluate_sudoers(
      "# comment\nDefaults env_reset\nroot ALL=(ALL) ALL\napp ALL=(ALL) \\\n  NOPASSWD: ALL\n",
      kApp);
  EXPECT_TRUE(verdict.passwordless_all);
  EXPECT_EQ(verdict.line, 4);
}

TEST(Sudoers, WhatDoesNotGrantEverythingWithoutAPassword) {
  EXPECT_FALSE(passwordless(""));
  EXPECT_FALSE(passwordless("app ALL=(ALL) ALL\n"));                         // password asked
  EXPECT_FALSE(passwordless("app ALL=(ALL) NOPASSWD: /usr/bin/apt-get\n"));  // one command
  EXPECT_FALSE(passwordless("bob ALL=(ALL) NOPASSWD: ALL\n"));               // someone else
  EXPECT_FALSE(passwordless("%wheel ALL=(ALL) NOPASSWD: ALL\n"));            // another group
  EXPECT_FALSE(passwordless("app ALL=(www-data) NOPASSWD: ALL\n"));          // not as root
  EXPECT_FALSE(passwordless("ALL,!app ALL=(ALL) NOPASSWD: ALL\n"));          // negated
  EXPECT_FALSE(passwordless("# app ALL=(ALL) NOPASSWD: ALL\n"));             // a comment
  EXPECT_FALSE(passwordless("app ALL=(ALL) NOPASSWD: /bin/ls, PASSWD: ALL\n"));
}

TEST(Sudoers, AliasesAndDefaultsThatTurnAuthenticationOff) {
  EXPECT_TRUE(
      passwordless("User_Alias ADMINS = bob, app\nCmnd_Alias EVERYTHING = ALL\n"
                   "ADMINS ALL=(ALL) NOPASSWD: EVERYTHING\n"));
  EXPECT_TRUE(passwordless("Runas_Alias R = root\napp ALL=(R) NOPASSWD: ALL\n"));
  EXPECT_TRUE(passwordless("Defaults !authenticate\napp ALL=(ALL) ALL\n"));
  EXPECT_TRUE(passwordless("Defaults:app !authenticate\napp ALL=(ALL) ALL\n"));
  EXPECT_FALSE(passwordless("Defaults:bob !authenticate\napp ALL=(ALL) ALL\n"));
}

TEST(Sudoers, IncludesAreHandedBack) {
  SudoersVerdict verdict =
      evaluate_sudoers("#includedir /etc/sudoers.d\n@include extra\n#include /etc/more\n", kApp);
  EXPECT_FALSE(verdict.passwordless_all);
  ASSERT_EQ(verdict.include_dirs.size(), 1u);
  EXPECT_EQ(verdict.include_dirs[0], "/etc/sudoers.d");
  ASSERT_EQ(verdict.include_files.size(), 2u);
  EXPECT_EQ(verdict.include_files[0], "extra");
}

TEST(Doas, PermitNopassWithoutCommandIsEverything) {
  EXPECT_EQ(doas_passwordless_all("permit nopass app\n", kApp), 1);
  EXPECT_EQ(doas_passwordless_all("# x\npermit nopass keepenv :staff as root\n", kApp), 2);
  EXPECT_EQ(doas_passwordless_all("permit app\n", kApp), 0);
  EXPECT_EQ(doas_passwordless_all("permit nopass app cmd /bin/ls\n", kApp), 0);
  EXPECT_EQ(doas_passwordless_all("permit nopass app as www\n", kApp), 0);
  EXPECT_EQ(doas_passwordless_all("permit nopass bob\n", kApp), 0);
  // doas: the last matching rule decides.
  EXPECT_EQ(doas_passwordless_all("permit nopass app\ndeny app\n", kApp), 0);
  EXPECT_EQ(doas_passwordless_all("deny app\npermit nopass setenv { A B } app\n", kApp), 2);
}

}  // namespace
}  // namespace unroot
