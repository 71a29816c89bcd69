#include "cli/init_options.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace unroot::cli {
namespace {

TEST(InitOptions, RemapsExitCodesFrom0To255) {
  SupervisorConfig config;
  EXPECT_TRUE(add_remapped_exit("143", config).ok());
  EXPECT_TRUE(add_remapped_exit("0", config).ok());
  EXPECT_TRUE(add_remapped_exit("255", config).ok());
  EXPECT_TRUE(config.remap_to_zero.test(143));
  EXPECT_FALSE(config.remap_to_zero.test(1));
  for (const char* bad : {"256", "-1", "", "x"}) {
    Status s = add_remapped_exit(bad, config);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.error().message().find("invalid exit code"), std::string::npos);
  }
}

TEST(InitOptions, RewritesByNameOrNumber) {
  SupervisorConfig config;
  EXPECT_TRUE(add_rewrite("TERM:QUIT", config).ok());
  EXPECT_TRUE(add_rewrite("1:SIGUSR2", config).ok());
  EXPECT_EQ(config.rewrite[SIGTERM], SIGQUIT);
  EXPECT_EQ(config.rewrite[SIGHUP], SIGUSR2);
  EXPECT_EQ(config.rewrite[SIGINT], 0);
}

TEST(InitOptions, RefusesBadRewrites) {
  SupervisorConfig config;
  for (const char* bad :
       {"TERM", "TERM:", ":QUIT", "NOPE:QUIT", "TERM:NOPE", "CHLD:TERM", "SEGV:TERM"}) {
    EXPECT_FALSE(add_rewrite(bad, config).ok()) << bad;
  }
  EXPECT_EQ(config.rewrite[SIGTERM], 0);
}

TEST(InitOptions, GraceIsWholeSeconds) {
  SupervisorConfig config;
  EXPECT_TRUE(set_grace("5", config).ok());
  EXPECT_EQ(config.grace_seconds, 5u);
  for (const char* bad : {"1.5", "-1", "3601", ""}) {
    EXPECT_FALSE(set_grace(bad, config).ok()) << bad;
  }
}

}  // namespace
}  // namespace unroot::cli
