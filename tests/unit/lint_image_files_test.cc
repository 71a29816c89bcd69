#include <gtest/gtest.h>

#include "fork_probe.h"
#include "lint/image_files.h"

namespace unroot::lint {
namespace {

using State = FileLookup::State;

TEST(NormalizePath, CollapsesDotsAndSlashes) {
  EXPECT_EQ(normalize_path("/app/./bin//start"), "/app/bin/start");
  EXPECT_EQ(normalize_path("/app/../etc/passwd"), "/etc/passwd");
  EXPECT_EQ(normalize_path("/../x"), "/x");
  EXPECT_EQ(normalize_path("a/../../b"), "../b");
  EXPECT_EQ(normalize_path("./"), ".");
  EXPECT_EQ(normalize_path("/"), "/");
}

TEST(ImageFiles, LaterPlacementsHideEarlierOnes) {
  ImageFiles files;
  files.add_file("/etc/passwd", std::string("root:x:0:0::/root:/bin/sh\n"), "", 2);
  EXPECT_EQ(files.find("/etc/passwd").state, State::kKnown);
  EXPECT_EQ(files.find("/etc/passwd").line, 2);
  files.add_unknown_tree("/etc", 3);
  EXPECT_EQ(files.find("/etc/passwd").state, State::kUnknown);
  files.add_file("/etc/passwd", std::string("app:x:1:1::/:/bin/sh\n"), "app", 4);
  FileLookup found = files.find("/etc//passwd");
  EXPECT_EQ(found.state, State::kKnown);
  EXPECT_EQ(found.owner, "app");
  EXPECT_EQ(found.text, "app:x:1:1::/:/bin/sh\n");
  // What the build does not place is absent: the base image's, if anyone's.
  EXPECT_EQ(files.find("/usr/bin/env").state, State::kAbsent);
}

TEST(ImageFiles, DirectoryCopiesAreReadFromTheContext) {
  testing::TempDir context;
  context.write("rootfs/etc/services.d/app/run", "exec s6-setuidgid app app\n");
  context.write("rootfs/usr/local/bin/start", "#!/bin/sh\n");
  ImageFiles files(context.path());
  EXPECT_TRUE(files.context_has_directory("rootfs"));
  EXPECT_FALSE(files.context_has_directory("rootfs/usr/local/bin/start"));
  EXPECT_FALSE(files.context_has_directory("../"));
  files.add_directory("/", "rootfs", "", 3);
  EXPECT_EQ(files.find("/usr/local/bin/start").text, "#!/bin/sh\n");
  EXPECT_EQ(files.find("/usr/local/bin/missing").state, State::kAbsent);
  EXPECT_EQ(files.list("/etc/services.d"), (std::vector<std::string>{"app"}));
  EXPECT_EQ(files.list("/etc"), (std::vector<std::string>{"services.d"}));
  // A path climbing out of the context reads nothing.
  EXPECT_EQ(files.context_file("../../etc/hostname"), std::nullopt);
}

TEST(ImageFiles, GlobsMatchContextFiles) {
  testing::TempDir context;
  context.write("a.sh", "x");
  context.write("b.sh", "y");
  context.write("c.txt", "z");
  ImageFiles files(context.path());
  EXPECT_EQ(files.expand_context("*.sh"), (std::vector<std::string>{"a.sh", "b.sh"}));
  EXPECT_EQ(files.expand_context("plain"), (std::vector<std::string>{"plain"}));
  EXPECT_TRUE(files.expand_context("*.none").empty());
}

TEST(ImageFiles, LinksAreFollowedAndLoopsEnd) {
  ImageFiles files;
  files.add_file("/usr/local/bin/docker-entrypoint.sh", std::string("exec gosu app \"$@\"\n"), "",
                 2);
  files.add_link("/docker-entrypoint.sh", "usr/local/bin/docker-entrypoint.sh", 3);
  FileLookup found = files.find("/docker-entrypoint.sh");
  EXPECT_EQ(found.state, State::kKnown);
  EXPECT_EQ(found.path, "/usr/local/bin/docker-entrypoint.sh");
  files.add_link("/loop/a", "/loop/b", 4);
  files.add_link("/loop/b", "/loop/a", 5);
  EXPECT_EQ(files.find("/loop/a").state, State::kAbsent);
}

}  // namespace
}  // namespace unroot::lint
