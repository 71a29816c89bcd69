// ByteSource: a stream of bytes read front to back once — a file or pipe, a
// string in memory, or a bounded part of another source (one member of a tar
// archive). Image archives come from `docker save` through a pipe, so nothing
// here seeks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace unroot::image {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Up to `size` bytes into `buffer`; 0 only at the end of the stream.
  virtual Result<size_t> read(char* buffer, size_t size) = 0;
};

/// Reads a file descriptor it does not own; `name` is for error messages.
class FdSource : public ByteSource {
 public:
  FdSource(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  Result<size_t> read(char* buffer, size_t size) override;

 private:
  int fd_;
  std::string name_;
};

/// Reads a string it does not own.
class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  Result<size_t> read(char* buffer, size_t size) override;

 private:
  std::string_view bytes_;
};

}  // namespace unroot::image

namespace unroot::image {

/// Gives back `head` (bytes already taken from `rest` to look at them), then `rest`.
class PrefixedSource : public ByteSource {
 public:
  PrefixedSource(std::string head, ByteSource& rest) : head_(std::move(head)), rest_(rest) {}
  Result<size_t> read(char* buffer, size_t size) override;

 private:
  std::string head_;
  size_t given_ = 0;
  ByteSource& rest_;
};

/// Up to `size` bytes, fewer only at the end of `source`.
Result<size_t> read_up_to(ByteSource& source, char* out, size_t size);

}  // namespace unroot::image
