#include "image/image_archive.h"

#include <gtest/gtest.h>

#include "image_fixture.h"
#include "tar_builder.h"

namespace unroot::image {
namespace {

using testing::docker_archive;
using testing::oci_archive;
using testing::TarBuilder;

Result<Image> read(const std::string& archive) {
  MemorySource source(archive);
  return read_image_archive(source, "test.tar", LayerLimits{});
}

const std::string kConfig =
    R"({"architecture":"amd64","config":{"User":"app","Entrypoint":["/entry.sh"],"Cmd":["serve","--port","80"],)"
    R"("Env":["PATH=/usr/bin:/bin","A=b"],"WorkingDir":"/srv"},"rootfs":{"type":"layers","diff_ids":["sha256:aaa","sha256:bbb"]}})";

TEST(ImageArchive, ReadsADockerArchive) {
  auto image = read(
      docker_archive(kConfig, {TarBuilder().file("etc/passwd", "root:x:0:0::/:/bin/sh\n").done(),
                               TarBuilder().file("etc/.wh.passwd", "").done()}));
  ASSERT_TRUE(image) << image.error().message();
  EXPECT_EQ(image->format, "docker-archive");
  EXPECT_EQ(image->config.user, "app");
  EXPECT_EQ(image->config.entrypoint, std::vector<std::string>{"/entry.sh"});
  EXPECT_EQ(image->config.cmd, (std::vector<std::string>{"serve", "--port", "80"}));
  EXPECT_EQ(image->config.env, (std::vector<std::string>{"PATH=/usr/bin:/bin", "A=b"}));
  EXPECT_EQ(image->config.workdir, "/srv");
  EXPECT_EQ(image->layers, (std::vector<std::string>{"sha256:aaa", "sha256:bbb"}));
  // Applied in the manifest's order, whatever the archive's.
  EXPECT_EQ(image->view.find("/etc/passwd"), nullptr);
  EXPECT_NE(image->view.find("/etc"), nullptr);
}

TEST(ImageArchive, ReadsAnOciArchive) {
  auto image =
      read(oci_archive(kConfig, {TarBuilder().file("etc/passwd", "root:x:0:0::/:/bin/sh\n").done(),
                                 TarBuilder().file("bin/sh", "x", 0755).done()}));
  ASSERT_TRUE(image) << image.error().message();
  EXPECT_EQ(image->format, "oci-archive");
  EXPECT_EQ(image->config.user, "app");
  ASSERT_NE(image->view.find("/etc/passwd"), nullptr);
  EXPECT_EQ(image->view.find("/etc/passwd")->text, "root:x:0:0::/:/bin/sh\n");
  EXPECT_EQ(image->view.find("/bin/sh")->layer, 1);
}

TEST(ImageArchive, ClearErrorsForWhatIsNotAnImage) {
  auto no_manifest = read(TarBuilder().file("hello.txt", "hi").done());
  ASSERT_FALSE(no_manifest);
  EXPECT_NE(no_manifest.error().message().find("neither manifest.json nor index.json"),
            std::string::npos);

  auto missing_layer =
      read(TarBuilder()
               .file("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")
               .file("c.json", kConfig)
               .done());
  ASSERT_FALSE(missing_layer);
  EXPECT_NE(missing_layer.error().message().find("layer l/layer.tar is missing"),
            std::string::npos);

  auto escaping =
      read(TarBuilder().file("manifest.json", R"([{"Config":"../c.json","Layers":[]}])").done());
  ASSERT_FALSE(escaping);

  auto two = read(TarBuilder().file("manifest.json", R"([{"Config":"a"},{"Config":"b"}])").done());
  ASSERT_FALSE(two);
  EXPECT_NE(two.error().message().find("holds 2 images"), std::string::npos);

  std::string gzip_layer = "\x1f\x8b" + std::string(600, '\0');
  auto compressed =
      read(TarBuilder()
               .file("manifest.json", R"([{"Config":"c.json","Layers":["l.tar.gz"]}])")
               .file("c.json", kConfig)
               .file("l.tar.gz", gzip_layer)
               .done());
  ASSERT_FALSE(compressed);
  EXPECT_NE(compressed.error().message().find("gzip-compressed"), std::string::npos);
}

TEST(ImageArchive, AHostileLayerIsRefusedWholeAndNothingIsReturned) {
  auto image = read(docker_archive(kConfig, {TarBuilder().file("ok", "").done(),
                                             TarBuilder().file("../../etc/cron.d/x", "").done()}));
  ASSERT_FALSE(image);
  EXPECT_NE(image.error().message().find("leaves the root"), std::string::npos)
      << image.error().message();
}

TEST(ImageArchive, ParsesConfigsDefensively) {
  EXPECT_FALSE(parse_image_config("[]", "c"));
  EXPECT_FALSE(parse_image_config("{", "c"));
  auto odd = parse_image_config(R"({"config":{"User":7,"Entrypoint":"sh","Cmd":[1,"x"]}})", "c");
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->user, "");
  EXPECT_TRUE(odd->entrypoint.empty());
  EXPECT_EQ(odd->cmd, std::vector<std::string>{"x"});
}

}  // namespace
}  // namespace unroot::image
