#include "privilege/setuid_refusal.h"

#include <gtest/gtest.h>

#include "fork_probe.h"

namespace unroot {
namespace {

TEST(SetuidRefusal, RefusesSetuidOrSetgidExecutable) {
  testing::TempDir dir;
  for (int mode : {04755, 02755, 06755}) {
    std::string exe = dir.write("unroot-" + std::to_string(mode), "", mode);
    Status status = refuse_setuid_installation(exe.c_str());
    ASSERT_FALSE(status.ok()) << mode;
    EXPECT_NE(status.error().message().find("installed setuid or setgid"), std::string::npos);
  }
}

TEST(SetuidRefusal, AcceptsPlainExecutable) {
  testing::TempDir dir;
  std::string exe = dir.write("unroot", "", 0755);
  EXPECT_TRUE(refuse_setuid_installation(exe.c_str()).ok());
  EXPECT_TRUE(refuse_setuid_installation("/proc/self/exe").ok());
}

TEST(SetuidRefusal, MissingExecutableFallsBackToTheKernelsWord) {
  EXPECT_TRUE(refuse_setuid_installation("/nonexistent/unroot").ok());
}

}  // namespace
}  // namespace unroot
