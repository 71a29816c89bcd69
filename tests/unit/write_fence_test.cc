#include "privilege/write_fence.h"

#include <errno.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstddef>
#include <string>

#include "fork_probe.h"

namespace unroot {
namespace {

using testing::RecordingReporter;

// A directory of the test's own, outside the places every fence lets through
// (/tmp, the devices): the fence's declared path, and beside it one that is
// just as writable but not declared.
class WriteFenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (landlock_abi() == 0) GTEST_SKIP() << "this kernel has no Landlock";
    char tmpl[] = "/var/tmp/unroot-fence-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    ASSERT_EQ(mkdir((root_ + "/data").c_str(), 0755), 0);
    ASSERT_EQ(mkdir((root_ + "/other").c_str(), 0755), 0);
    testing::write_text(open((root_ + "/other/kept").c_str(), O_WRONLY | O_CREAT, 0644), "x");
  }
  void TearDown() override {
    if (!root_.empty()) (void)system(("rm -rf " + root_).c_str());
  }
  std::string root_;
};

// errno of an attempt, or 0.
int attempt(int rc) { return rc < 0 ? errno : 0; }

// Runs `body` in a child fenced to `paths`.
std::string fenced(const std::vector<std::string>& paths,
                   const std::function<std::string()>& body) {
  auto r = testing::run_in_child([&](int out) {
    RecordingReporter reporter;
    auto fence = WriteFence::prepare({paths, true}, reporter);
    if (!fence) {
      testing::write_text(out, fence.error().message());
      return 1;
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || !fence->enforce()) return 2;
    testing::write_text(out, body());
    return 0;
  });
  EXPECT_EQ(r.status, 0) << r.out;
  return r.out;
}

TEST_F(WriteFenceTest, DeclaredPathsAndDevicesStayWritable) {
  const std::string data = root_ + "/data", other = root_ + "/other";
  std::string seen = fenced({data}, [&] {
    std::string line;
    line += std::to_string(attempt(open((data + "/new").c_str(), O_WRONLY | O_CREAT, 0644))) + " ";
    line += std::to_string(attempt(mkdir((data + "/dir").c_str(), 0755))) + " ";
    line += std::to_string(attempt(open("/dev/null", O_WRONLY))) + " ";
    line += std::to_string(attempt(open((other + "/kept").c_str(), O_RDONLY))) + " ";
    return line;
  });
  EXPECT_EQ(seen, "0 0 0 0 ");
}

TEST_F(WriteFenceTest, TmpIsWritableWhateverIsDeclared) {
  char tmpl[] = "/tmp/unroot-fence-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string tmp = tmpl;
  std::string seen = fenced({root_ + "/data"}, [&] {
    return std::to_string(attempt(open((tmp + "/new").c_str(), O_WRONLY | O_CREAT, 0644)));
  });
  EXPECT_EQ(seen, "0");
  (void)system(("rm -rf " + tmp).c_str());
}

TEST_F(WriteFenceTest, OutsideItNothingIsCreatedChangedOrRemoved) {
  const std::string other = root_ + "/other";
  std::string seen = fenced({root_ + "/data"}, [&] {
    std::string line;
    line += std::to_string(attempt(open((other + "/new").c_str(), O_WRONLY | O_CREAT, 0644))) + " ";
    line += std::to_string(attempt(open((other + "/kept").c_str(), O_WRONLY))) + " ";
    line += std::to_string(attempt(unlink((other + "/kept").c_str()))) + " ";
    line += std::to_string(attempt(truncate((other + "/kept").c_str(), 0))) + " ";
    line +=
        std::to_string(attempt(rename((other + "/kept").c_str(), (root_ + "/data/moved").c_str())));
    return line;
  });
  const std::string eacces = std::to_string(EACCES);
  EXPECT_EQ(seen, eacces + " " + eacces + " " + eacces + " " + eacces + " " + eacces);
  struct stat st {};
  EXPECT_EQ(stat((other + "/kept").c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 1);
}

TEST_F(WriteFenceTest, AWrongPathStopsBeforeAnythingIsFenced) {
  RecordingReporter reporter;
  auto missing = WriteFence::prepare({{root_ + "/absent"}, false}, reporter);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message(), "--write: cannot open " + root_ +
                                           "/absent: No such file or directory (create it in the "
                                           "image or before unroot runs, or drop --write " +
                                           root_ + "/absent)");
  auto relative = WriteFence::prepare({{"data"}, false}, reporter);
  ASSERT_FALSE(relative);
  EXPECT_NE(relative.error().message().find("\"data\" is not an absolute path"), std::string::npos);
}

// A seccomp filter refusing Landlock's calls, as an engine's profile may.
void refuse_landlock() {
  sock_filter program[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_landlock_create_ruleset, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog prog{static_cast<unsigned short>(std::size(program)), program};
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

TEST(WriteFence, WithoutLandlockANoticeOrUnderStrictAnError) {
  auto r = testing::run_in_child([](int out) {
    refuse_landlock();
    RecordingReporter reporter;
    auto lenient = WriteFence::prepare({{"/tmp"}, false}, reporter);
    auto strict = WriteFence::prepare({{"/tmp"}, true}, reporter);
    testing::write_text(out, reporter.lines);
    testing::write_text(out, lenient && lenient->abi() == 0 && lenient->enforce()
                                 ? "lenient ok\n"
                                 : "lenient failed\n");
    testing::write_text(out, strict ? "strict ok\n" : strict.error().message() + "\n");
    return 0;
  });
  EXPECT_EQ(
      r.out,
      "--write is not enforced: a seccomp filter (the engine's profile) refuses Landlock\n"
      "lenient ok\n"
      "--write: cannot fence writes: a seccomp filter (the engine's profile) refuses Landlock "
      "(run on a kernel with Landlock, or drop --write-strict)\n");
}

}  // namespace
}  // namespace unroot
