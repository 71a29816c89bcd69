// GzipSource: the bytes of a gzip stream (an OCI layer blob, as Podman and
// registries store them), inflated as they are read with zlib, members one
// after another as gzip(1) reads them. Damage is an Error naming the layer.
// Deflate cannot expand more than about 1032 to 1, so a bomb costs time
// bounded by its size, and the layer's entry limit still applies.
#pragma once

#include <zlib.h>

#include <memory>
#include <string>
#include <vector>

#include "image/byte_source.h"

namespace unroot::image {

class GzipSource : public ByteSource {
 public:
  GzipSource(ByteSource& compressed, std::string name);
  ~GzipSource() override;
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Result<size_t> read(char* buffer, size_t size) override;

 private:
  ByteSource& compressed_;
  std::string name_;
  z_stream stream_{};
  bool ready_ = false;
  bool ended_ = false;
  std::vector<unsigned char> input_;
};

}  // namespace unroot::image
