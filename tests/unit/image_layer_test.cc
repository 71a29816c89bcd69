#include <gtest/gtest.h>

#include "image/image_view.h"
#include "image/layer.h"
#include "tar_builder.h"

namespace unroot::image {
namespace {

using testing::TarBuilder;

Result<Layer> layer_of(const std::string& tar, LayerLimits limits = {}) {
  MemorySource source(tar);
  LayerBudget budget;
  return read_layer(source, "layer", limits, budget);
}

// The view after applying each tar in order; fails the test on an error.
ImageView view_of(const std::vector<std::string>& tars) {
  ImageView view;
  int index = 0;
  for (const std::string& tar : tars) {
    auto layer = layer_of(tar);
    EXPECT_TRUE(layer) << layer.error().message();
    if (!layer) return view;
    auto applied = view.apply(std::move(*layer), index++, "layer");
    EXPECT_TRUE(applied) << applied.error().message();
  }
  return view;
}

std::string error_of(const std::vector<std::string>& tars) {
  ImageView view;
  int index = 0;
  for (const std::string& tar : tars) {
    auto layer = layer_of(tar);
    if (!layer) return layer.error().message();
    auto applied = view.apply(std::move(*layer), index++, "layer");
    if (!applied) return applied.error().message();
  }
  return "";
}

TEST(Layer, NormalizesNamesAndKeepsTheFilesAnAuditReads) {
  auto layer = layer_of(TarBuilder()
                            .dir("./etc/")
                            .file("./etc/passwd", "root:x:0:0::/root:/bin/sh\n")
                            .file("./etc/sudoers.d/app", "app ALL=(ALL) NOPASSWD: ALL\n", 0440)
                            .file("usr//local/bin/start", "#!/bin/sh\nexec \"$@\"\n", 0755)
                            .file("usr/bin/tool",
                                  "\x7f"
                                  "ELF....",
                                  0755)
                            .file("opt/run.sh", "echo no shebang\n")
                            .done());
  ASSERT_TRUE(layer);
  ASSERT_EQ(layer->entries.size(), 6u);
  EXPECT_EQ(layer->entries[0].path, "/etc");
  EXPECT_EQ(layer->extras_of(layer->entries[1]).text, "root:x:0:0::/root:/bin/sh\n");
  EXPECT_EQ(layer->extras_of(layer->entries[2]).text, "app ALL=(ALL) NOPASSWD: ALL\n");
  EXPECT_EQ(layer->entries[3].path, "/usr/local/bin/start");
  EXPECT_EQ(layer->extras_of(layer->entries[3]).text, "#!/bin/sh\nexec \"$@\"\n");
  EXPECT_EQ(layer->extras_of(layer->entries[4]).text, std::nullopt);  // a binary: never held
  EXPECT_EQ(layer->extras_of(layer->entries[5]).text, "echo no shebang\n");
}

TEST(Layer, KeepsWithinItsBudget) {
  LayerLimits limits;
  limits.max_kept_total = 40;
  limits.max_kept_file = 30;
  std::string tar = TarBuilder()
                        .file("a.sh", "#!/bin/sh\n" + std::string(15, '#'))
                        .file("b.sh", "#!/bin/sh\n" + std::string(15, '#'))
                        .file("c.sh", "#!/bin/sh\n" + std::string(40, '#'))
                        .file("big", std::string(50, 'x'))
                        .done();
  MemorySource source(tar);
  LayerBudget budget;
  auto layer = read_layer(source, "layer", limits, budget);
  ASSERT_TRUE(layer) << layer.error().message();
  EXPECT_TRUE(layer->extras_of(layer->entries[0]).text);
  EXPECT_FALSE(layer->extras_of(layer->entries[1]).text);  // past the total
  EXPECT_FALSE(layer->extras_of(layer->entries[2]).text);  // past the per-file size
  EXPECT_EQ(budget.kept, 25u);
  // Both scripts count as wanted but not read; a large file that is no script does not.
  EXPECT_EQ(budget.dropped, 2u);
}

TEST(Layer, FindsUnrootsVersionLine) {
  std::string binary =
      std::string(70000, '\0') + "unroot 0.1.0 (0123456789ab, arm64)\n" + std::string(100, '\0');
  auto layer =
      layer_of(TarBuilder().file("usr/local/bin/unroot", binary, 0755).file("gosu", binary).done());
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->extras_of(layer->entries[0]).unroot_version,
            "unroot 0.1.0 (0123456789ab, arm64)");
  EXPECT_EQ(layer->extras_of(layer->entries[1]).unroot_version,
            "");  // only files called unroot are read
}

TEST(Layer, RefusesHostileNames) {
  for (const std::string& tar :
       {TarBuilder().file("../etc/passwd", "x").done(),
        TarBuilder().file("/etc/passwd", "x").done(), TarBuilder().file("a/../../b", "x").done(),
        TarBuilder().symlink("a/b", "../../../etc").done(),
        TarBuilder().hardlink("a", "../outside").done(),
        TarBuilder().hardlink("a", "/etc/shadow").done()}) {
    auto layer = layer_of(tar);
    ASSERT_FALSE(layer);
    EXPECT_NE(layer.error().message().find("do not load it"), std::string::npos)
        << layer.error().message();
  }
  // Links that stay inside, absolute ones included, are what images hold.
  EXPECT_TRUE(layer_of(
      TarBuilder().symlink("usr/lib/x", "../../bin/sh").symlink("bin", "/usr/bin").done()));
}

TEST(Layer, RefusesMoreEntriesThanTheLimit) {
  TarBuilder many;
  for (int i = 0; i < 11; ++i) many.file("f" + std::to_string(i), "");
  LayerLimits limits;
  limits.max_entries = 10;
  auto layer = layer_of(many.done(), limits);
  ASSERT_FALSE(layer);
  EXPECT_NE(layer.error().message().find("more than 10 entries"), std::string::npos);
}

TEST(ImageView, WhiteoutsRemoveWhatLowerLayersPut) {
  ImageView view = view_of({
      TarBuilder().file("usr/bin/su", "x", 04755).dir("opt/app").file("opt/app/a", "").done(),
      TarBuilder().file("usr/bin/.wh.su", "").file("opt/.wh.app", "").done(),
  });
  EXPECT_EQ(view.find("/usr/bin/su"), nullptr);
  EXPECT_EQ(view.find("/opt/app"), nullptr);
  EXPECT_EQ(view.find("/opt/app/a"), nullptr);
  EXPECT_NE(view.find("/usr/bin"), nullptr);
}

TEST(ImageView, OpaqueDirectoriesHideOnlyLowerLayers) {
  ImageView view = view_of({
      TarBuilder().file("data/old", "").file("data/sub/deep", "").file("datax", "").done(),
      TarBuilder().dir("data").file("data/.wh..wh..opq", "").file("data/new", "").done(),
  });
  EXPECT_EQ(view.list("/data"), std::vector<std::string>{"new"});
  EXPECT_EQ(view.find("/data/sub/deep"), nullptr);
  EXPECT_NE(view.find("/datax"), nullptr);  // a sibling whose name starts the same
}

TEST(ImageView, HardLinksAcrossLayersCopyTheirTarget) {
  ImageView view = view_of({
      TarBuilder().file("bin/busybox", "x", 04755, 0, 0).done(),
      TarBuilder().hardlink("bin/sh", "bin/busybox").done(),
  });
  const ImageNode* sh = view.find("/bin/sh");
  ASSERT_NE(sh, nullptr);
  EXPECT_EQ(sh->type, TarEntry::Type::kFile);
  EXPECT_EQ(sh->mode, 04755u);
  EXPECT_EQ(sh->layer, 1);
  EXPECT_NE(error_of({TarBuilder().hardlink("bin/sh", "bin/missing").done()}).find("not a file"),
            std::string::npos);
}

TEST(ImageView, AFileReplacesADirectoryAndItsTree) {
  ImageView view = view_of({
      TarBuilder().file("srv/a/b", "").done(),
      TarBuilder().file("srv/a", "now a file").done(),
  });
  EXPECT_EQ(view.find("/srv/a")->type, TarEntry::Type::kFile);
  EXPECT_EQ(view.find("/srv/a/b"), nullptr);
}

TEST(ImageView, RefusesEntriesBelowALink) {
  std::string error = error_of(
      {TarBuilder().symlink("etc", "tmp").done(), TarBuilder().file("etc/passwd", "x").done()});
  EXPECT_NE(error.find("below the symbolic link /etc"), std::string::npos) << error;
}

TEST(ImageView, ResolvesLinksAsTheKernelDoesInsideTheRoot) {
  ImageView view = view_of({TarBuilder()
                                .file("usr/bin/env", "", 0755)
                                .symlink("bin", "usr/bin")
                                .symlink("usr/local/bin/e", "../../bin/env")
                                .symlink("loop", "loop")
                                .symlink("usr/abs", "/usr/bin/env")
                                .done()});
  EXPECT_EQ(view.resolve("/bin/env"), "/usr/bin/env");
  EXPECT_EQ(view.resolve("/usr/local/bin/e"), "/usr/bin/env");
  EXPECT_EQ(view.resolve("/usr/abs"), "/usr/bin/env");
  EXPECT_EQ(view.resolve("/../../bin/env"), "/usr/bin/env");
  EXPECT_EQ(view.resolve("/loop"), std::nullopt);
  EXPECT_EQ(view.resolve("/bin/missing"), std::nullopt);
}

}  // namespace
}  // namespace unroot::image
