#include "privilege/capability_set.h"

#include <gtest/gtest.h>
#include <linux/capability.h>

namespace unroot {
namespace {

TEST(CapabilitySet, ParsesNamesWithOrWithoutPrefixInAnyCase) {
  for (const char* name : {"NET_BIND_SERVICE", "net_bind_service", "cap_net_bind_service",
                           "CAP_NET_BIND_SERVICE", "Cap_Net_Bind_Service"}) {
    auto cap = parse_capability_name(name);
    ASSERT_TRUE(cap.ok()) << name;
    EXPECT_EQ(*cap, CAP_NET_BIND_SERVICE) << name;
  }
  EXPECT_EQ(*parse_capability_name("SYS_ADMIN"), CAP_SYS_ADMIN);
  EXPECT_EQ(*parse_capability_name("chown"), CAP_CHOWN);
}

TEST(CapabilitySet, RefusesUnknownNumericAndAll) {
  for (const char* name : {"", "cap_", "NET_BIND", "bogus", "12", "all", "ALL", "cap_all"}) {
    auto cap = parse_capability_name(name);
    ASSERT_FALSE(cap.ok()) << name;
    EXPECT_NE(cap.error().message().find("unknown capability"), std::string::npos);
  }
}

TEST(CapabilitySet, NamesItsMembers) {
  CapabilitySet set;
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(set.to_string(), "none");
  set.add(CAP_NET_BIND_SERVICE);
  set.add(CAP_CHOWN);
  EXPECT_TRUE(set.has(CAP_CHOWN));
  EXPECT_FALSE(set.has(CAP_SETUID));
  EXPECT_EQ(set.bits(), (1ull << CAP_CHOWN) | (1ull << CAP_NET_BIND_SERVICE));
  EXPECT_EQ(set.to_string(), "cap_chown,cap_net_bind_service");
  EXPECT_EQ(capability_name(CAP_SETUID), "cap_setuid");
}

}  // namespace
}  // namespace unroot
