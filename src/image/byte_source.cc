#include "image/byte_source.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <algorithm>

namespace unroot::image {

Result<size_t> FdSource::read(char* buffer, size_t size) {
  for (;;) {
    ssize_t n = ::read(fd_, buffer, size);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR) {
      return Error{"reading " + name_, strerror(errno), "check that the archive is readable"};
    }
  }
}

Result<size_t> MemorySource::read(char* buffer, size_t size) {
  size_t n = std::min(size, bytes_.size());
  std::copy_n(bytes_.data(), n, buffer);
  bytes_.remove_prefix(n);
  return n;
}

}  // namespace unroot::image

namespace unroot::image {

Result<size_t> PrefixedSource::read(char* buffer, size_t size) {
  if (given_ < head_.size()) {
    size_t n = std::min(size, head_.size() - given_);
    std::copy_n(head_.data() + given_, n, buffer);
    given_ += n;
    return n;
  }
  return rest_.read(buffer, size);
}

Result<size_t> read_up_to(ByteSource& source, char* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    auto n = source.read(out + done, size - done);
    if (!n) return n.error();
    if (*n == 0) break;
    done += *n;
  }
  return done;
}

}  // namespace unroot::image
