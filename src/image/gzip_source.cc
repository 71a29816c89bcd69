#include "image/gzip_source.h"

namespace unroot::image {
namespace {

constexpr size_t kInput = size_t{64} * 1024;
// 15-bit window, and 32 to accept the gzip header (and zlib's) by itself.
constexpr int kWindowBits = 15 + 32;

}  // namespace

GzipSource::GzipSource(ByteSource& compressed, std::string name)
    : compressed_(compressed), name_(std::move(name)), input_(kInput) {
  ready_ = inflateInit2(&stream_, kWindowBits) == Z_OK;
}

GzipSource::~GzipSource() {
  if (ready_) inflateEnd(&stream_);
}

Result<size_t> GzipSource::read(char* buffer, size_t size) {
  auto damaged = [this](const std::string& why) {
    return Error{"reading " + name_, "its gzip stream " + why,
                 "check that the archive is complete (docker save, podman save)"};
  };
  if (!ready_) return damaged("cannot be inflated: out of memory");
  stream_.next_out = reinterpret_cast<unsigned char*>(buffer);
  stream_.avail_out = static_cast<uInt>(std::min<size_t>(size, UINT32_MAX));
  while (!ended_ && stream_.avail_out == static_cast<uInt>(std::min<size_t>(size, UINT32_MAX))) {
    if (stream_.avail_in == 0) {
      auto n = compressed_.read(reinterpret_cast<char*>(input_.data()), input_.size());
      if (!n) return n.error();
      if (*n == 0) return damaged("ends before its end");
      stream_.next_in = input_.data();
      stream_.avail_in = static_cast<uInt>(*n);
    }
    int status = inflate(&stream_, Z_NO_FLUSH);
    if (status == Z_STREAM_END) {
      // Another member may follow, as gzip(1) allows; the end of the input ends it all.
      if (stream_.avail_in == 0) {
        auto n = compressed_.read(reinterpret_cast<char*>(input_.data()), input_.size());
        if (!n) return n.error();
        stream_.next_in = input_.data();
        stream_.avail_in = static_cast<uInt>(*n);
      }
      if (stream_.avail_in == 0) {
        ended_ = true;
      } else if (inflateReset(&stream_) != Z_OK) {
        return damaged("cannot be inflated");
      }
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      return damaged(std::string("is damaged (") + (stream_.msg ? stream_.msg : "zlib error") +
                     ")");
    }
  }
  return std::min<size_t>(size, UINT32_MAX) - stream_.avail_out;
}

}  // namespace unroot::image
