#include "image/image_archive.h"

#include <gtest/gtest.h>
#include <zlib.h>

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
  EXPECT_EQ(image->view.extras(*image->view.find("/etc/passwd")).text, "root:x:0:0::/:/bin/sh\n");
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

  std::string zstd_layer = "\x28\xb5\x2f\xfd" + std::string(600, '\0');
  auto zstd = read(docker_archive(kConfig, {zstd_layer}));
  ASSERT_FALSE(zstd);
  EXPECT_NE(zstd.error().message().find("zstd-compressed"), std::string::npos);
}

// gzip(1)'s format, one member per piece, as zlib writes it.
std::string gzip(const std::vector<std::string>& pieces) {
  std::string out;
  for (const std::string& piece : pieces) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string member(deflateBound(&z, piece.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    z.avail_in = static_cast<uInt>(piece.size());
    z.next_out = reinterpret_cast<Bytef*>(member.data());
    z.avail_out = static_cast<uInt>(member.size());
    EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    member.resize(z.total_out);
    deflateEnd(&z);
    out += member;
  }
  return out;
}

TEST(ImageArchive, InflatesGzipLayersMemberAfterMember) {
  std::string tar = TarBuilder()
                        .file("etc/passwd", "root:x:0:0::/:/bin/sh\n")
                        .file("big", std::string(300000, 'z'))
                        .done();
  // Cut mid-archive: two gzip members make one stream, as gzip(1) reads them.
  std::string layer = gzip({tar.substr(0, 100000), tar.substr(100000)});
  auto image = read(docker_archive(kConfig, {layer}));
  ASSERT_TRUE(image) << image.error().message();
  EXPECT_EQ(image->view.extras(*image->view.find("/etc/passwd")).text, "root:x:0:0::/:/bin/sh\n");
  EXPECT_EQ(image->view.find("/big")->size, 300000u);

  std::string damaged = layer;
  damaged[damaged.size() / 3] ^= 0x55;
  auto broken = read(docker_archive(kConfig, {damaged}));
  ASSERT_FALSE(broken);
  auto truncated = read(docker_archive(kConfig, {layer.substr(0, layer.size() / 2)}));
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().message().find("gzip stream ends before its end"), std::string::npos)
      << truncated.error().message();
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
