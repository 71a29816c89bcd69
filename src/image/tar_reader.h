// TarReader: the entries of a tar stream (POSIX ustar and pax, GNU long
// names, v7), read front to back once, as `docker save`, `podman save` and
// image layers write them. Pax `path`, `linkpath`, `size`, `uid`, `gid` and the
// `security.capability` extended attribute (SCHILY.xattr) override the
// header's fields; GNU `L`/`K` records give long names. Numbers may be octal
// or base-256. Every header's checksum is verified; a damaged or truncated
// stream is an Error, never a guess. Names are returned as stored: judging
// them (`..`, absolute paths) is the caller's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "image/byte_source.h"

namespace unroot::image {

struct TarEntry {
  enum class Type { kFile, kHardLink, kSymlink, kCharDevice, kBlockDevice, kDirectory, kFifo };
  std::string path;  ///< as stored, long names applied
  std::string link;  ///< kHardLink: the linked path; kSymlink: the target
  Type type = Type::kFile;
  uint32_t mode = 0;  ///< permission bits with setuid, setgid and sticky (07777)
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint64_t size = 0;  ///< bytes of data that follow (0 for all but kFile)
  /// The raw `security.capability` extended attribute, "" when there is none.
  std::string capability;
};

class TarReader {
 public:
  /// `name` says which archive this is in error messages.
  TarReader(ByteSource& source, std::string name);

  /// The next entry, nullopt at the end of the archive. The data of the
  /// previous entry that was not read is skipped first.
  Result<std::optional<TarEntry>> next();

  /// The current entry's data: a source that ends where the entry does.
  ByteSource& data() { return data_; }

  /// Entries returned so far.
  uint64_t entries() const { return entries_; }

 private:
  class EntryData : public ByteSource {
   public:
    explicit EntryData(TarReader& reader) : reader_(reader) {}
    Result<size_t> read(char* buffer, size_t size) override;

   private:
    TarReader& reader_;
  };

  Result<size_t> fill();
  Status read_exact(char* out, size_t size);
  Status skip(uint64_t size);
  Result<std::string> read_record(uint64_t size, const char* kind);
  Error damaged(const std::string& why) const;

  ByteSource& source_;
  std::string name_;
  std::vector<char> buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  uint64_t remaining_ = 0;  ///< data of the current entry not yet read
  uint64_t padding_ = 0;    ///< up to the next 512-byte boundary
  uint64_t entries_ = 0;
  uint64_t offset_ = 0;  ///< bytes consumed, for messages
  bool ended_ = false;
  EntryData data_;
};

}  // namespace unroot::image
