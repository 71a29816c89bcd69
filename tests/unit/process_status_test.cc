#include "audit/process_status.h"

#include <gtest/gtest.h>
#include <linux/capability.h>

#include "fork_probe.h"

namespace unroot {
namespace {

constexpr const char* kDockerRoot =
    "Name:\tsh\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
    "Groups:\t0 1 2 3 4 6 10 11 20 26 27 \nCapInh:\t0000000000000000\n"
    "CapPrm:\t00000000a80425fb\nCapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\n"
    "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t2\nSeccomp_filters:\t1\n";

TEST(ProcessStatus, ReadsDockersDefaultRoot) {
  auto status = parse_process_status(kDockerRoot);
  ASSERT_TRUE(status) << status.error().message();
  EXPECT_EQ(status->uid[1], 0u);
  EXPECT_EQ(status->groups.size(), 11u);
  EXPECT_EQ(status->groups.back(), 27u);
  EXPECT_EQ(status->bounding.bits(), 0xa80425fbu);
  EXPECT_TRUE(status->bounding.has(CAP_CHOWN));
  EXPECT_FALSE(status->bounding.has(CAP_SYS_ADMIN));
  EXPECT_TRUE(status->ambient.empty());
  EXPECT_FALSE(status->no_new_privs);
  EXPECT_EQ(status->seccomp_mode, 2);
  EXPECT_EQ(status->seccomp_filters, 1);
}

TEST(ProcessStatus, DistinguishesRealEffectiveSavedAndFilesystemIds) {
  auto status = parse_process_status(
      "Uid:\t1000\t0\t2000\t3000\nGid:\t5\t6\t7\t8\nGroups:\t\nCapInh:\t0\nCapPrm:\t0\n"
      "CapEff:\t0\nCapBnd:\t0\nNoNewPrivs:\t1\n");
  ASSERT_TRUE(status) << status.error().message();
  EXPECT_EQ(status->uid[0], 1000u);
  EXPECT_EQ(status->uid[1], 0u);
  EXPECT_EQ(status->uid[3], 3000u);
  EXPECT_EQ(status->gid[2], 7u);
  EXPECT_TRUE(status->groups.empty());
  EXPECT_TRUE(status->no_new_privs);
  EXPECT_EQ(status->seccomp_mode, 0);
}

TEST(ProcessStatus, RefusesMalformedOrMissingFieldsInsteadOfGuessing) {
  for (const char* text :
       {"", "Uid:\t0\t0\t0\nGid:\t0\t0\t0\t0\n", "Uid:\tx\t0\t0\t0\n",
        "CapEff:\t1ffffffffffffffff\n",
        "Uid:\t1\t1\t1\t1\nGid:\t1\t1\t1\t1\nCapInh:\t0\nCapPrm:\t0\nCapEff:\t0\n", "Seccomp:\t7\n",
        "NoNewPrivs:\tyes\n", "Groups:\t1 two\n"}) {
    auto status = parse_process_status(text);
    EXPECT_FALSE(status) << text;
    if (!status) {
      EXPECT_NE(status.error().why.find("field"), std::string::npos);
    }
  }
}

TEST(ProcessStatus, ReadsThisProcess) {
  auto status = parse_process_status(testing::read_file("/proc/self/status"));
  ASSERT_TRUE(status) << status.error().message();
  EXPECT_EQ(status->uid[1], geteuid());
  EXPECT_EQ(status->gid[1], getegid());
}

}  // namespace
}  // namespace unroot
