// Image archives: what `docker save` and `podman save` write (a tar with
// manifest.json, the config and one tar per layer) and OCI image layouts
// (oci-layout, index.json, blobs/ALG/HEX), as a tar or a directory. The
// archive is read front to back once: every layer member is read into a
// Layer as it passes (the manifest may come last), then the manifest's
// layers are applied in order. The result is the image's configuration and
// its file system view; nothing is written to disk.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "image/byte_source.h"
#include "image/image_view.h"
#include "image/layer.h"

namespace unroot::image {

/// The parts of an image's config that decide what it runs and as whom.
struct ImageConfig {
  std::string user;  ///< Config.User; "" means root
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::vector<std::string> env;  ///< NAME=VALUE
  std::string workdir;
  std::vector<std::string> diff_ids;  ///< rootfs.diff_ids: each layer's digest
};

struct Image {
  std::string format;  ///< "docker-archive", "oci-archive" or "oci-layout"
  ImageConfig config;
  std::vector<std::string> layers;  ///< each layer's digest (or member name), bottom first
  ImageView view;
  LayerBudget budget;
};

/// Parses an image config (the JSON a manifest's config names).
Result<ImageConfig> parse_image_config(std::string_view json, const std::string& name);

/// Reads a docker-archive or an OCI layout in a tar from `source`.
Result<Image> read_image_archive(ByteSource& source, const std::string& name,
                                 const LayerLimits& limits);

/// Reads an OCI image layout directory.
Result<Image> read_image_layout(const std::string& dir, const LayerLimits& limits);

}  // namespace unroot::image
