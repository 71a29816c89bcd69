#include "image/tar_reader.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string_view>

namespace unroot::image {
namespace {

constexpr size_t kBlock = 512;
constexpr size_t kBufferSize = size_t{64} * 1024;
// A pax or GNU long-name record holds a few names; anything larger is not a
// record this reader needs, and a bound keeps a hostile one from exhausting memory.
constexpr uint64_t kMaxRecord = uint64_t{1} << 20;

// An octal field (spaces or NULs around the digits), or a base-256 one (high
// bit of the first byte set) for values octal cannot hold.
std::optional<uint64_t> parse_number(const char* field, size_t size) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(field[i]); };
  if (byte(0) & 0x80) {
    if (byte(0) != 0x80) return std::nullopt;  // negative, or a flag byte of data
    uint64_t value = 0;
    for (size_t i = 1; i < size; ++i) {
      if (value >> 56) return std::nullopt;
      value = value << 8 | byte(i);
    }
    return value;
  }
  size_t i = 0;
  while (i < size && field[i] == ' ') ++i;
  uint64_t value = 0;
  bool digits = false;
  for (; i < size && field[i] >= '0' && field[i] <= '7'; ++i) {
    if (value >> 60) return std::nullopt;
    value = value * 8 + static_cast<uint64_t>(field[i] - '0');
    digits = true;
  }
  for (; i < size; ++i) {
    if (field[i] != ' ' && field[i] != '\0') return std::nullopt;
  }
  if (!digits) return uint64_t{0};
  return value;
}

std::string field_string(const char* field, size_t size) {
  return std::string(field, strnlen(field, size));
}

bool is_zero_block(const char* block) {
  return std::all_of(block, block + kBlock, [](char c) { return c == '\0'; });
}

bool checksum_matches(const char* header) {
  auto stored = parse_number(header + 148, 8);
  if (!stored) return false;
  uint64_t unsigned_sum = 0;
  int64_t signed_sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    bool in_field = i >= 148 && i < 156;
    unsigned_sum += in_field ? ' ' : static_cast<unsigned char>(header[i]);
    signed_sum += in_field ? ' ' : static_cast<signed char>(header[i]);
  }
  return *stored == unsigned_sum || static_cast<int64_t>(*stored) == signed_sum;
}

// What a pax extended header may override.
struct PaxFields {
  std::optional<std::string> path, link, capability;
  std::optional<uint64_t> size, uid, gid;
};

bool parse_pax(std::string_view records, PaxFields& fields) {
  while (!records.empty()) {
    size_t space = records.find(' ');
    if (space == std::string_view::npos) return false;
    uint64_t length = 0;
    auto [end, ec] = std::from_chars(records.data(), records.data() + space, length);
    if (ec != std::errc() || end != records.data() + space || length <= space + 1 ||
        length > records.size() || records[length - 1] != '\n') {
      return false;
    }
    std::string_view record = records.substr(space + 1, length - space - 2);
    records.remove_prefix(length);
    size_t equals = record.find('=');
    if (equals == std::string_view::npos) return false;
    std::string_view key = record.substr(0, equals);
    std::string value(record.substr(equals + 1));
    auto number = [&](std::optional<uint64_t>& out) {
      uint64_t n = 0;
      auto [last, error] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (error != std::errc() || last != value.data() + value.size()) return false;
      out = n;
      return true;
    };
    if (key == "path") {
      fields.path = value;
    } else if (key == "linkpath") {
      fields.link = value;
    } else if (key == "SCHILY.xattr.security.capability") {
      fields.capability = value;
    } else if ((key == "size" && !number(fields.size)) || (key == "uid" && !number(fields.uid)) ||
               (key == "gid" && !number(fields.gid))) {
      return false;
    }
  }
  return true;
}

}  // namespace

TarReader::TarReader(ByteSource& source, std::string name)
    : source_(source), name_(std::move(name)), buffer_(kBufferSize), data_(*this) {}

Error TarReader::damaged(const std::string& why) const {
  return Error{"reading " + name_, why + " at byte " + std::to_string(offset_),
               "check that it is a complete tar archive (docker save, podman save, an OCI layout)"};
}

Result<size_t> TarReader::fill() {
  if (begin_ == end_) begin_ = end_ = 0;
  if (end_ == buffer_.size()) {
    std::copy(buffer_.begin() + static_cast<long>(begin_),
              buffer_.begin() + static_cast<long>(end_), buffer_.begin());
    end_ -= begin_;
    begin_ = 0;
  }
  auto n = source_.read(buffer_.data() + end_, buffer_.size() - end_);
  if (!n) return n.error();
  end_ += *n;
  return *n;
}

Status TarReader::read_exact(char* out, size_t size) {
  while (size > 0) {
    if (begin_ == end_) {
      auto n = fill();
      if (!n) return n.error();
      if (*n == 0) return damaged("the archive ends in the middle of an entry");
    }
    size_t take = std::min(size, end_ - begin_);
    std::copy_n(buffer_.data() + begin_, take, out);
    begin_ += take;
    out += take;
    size -= take;
    offset_ += take;
  }
  return Ok{};
}

Status TarReader::skip(uint64_t size) {
  while (size > 0) {
    if (begin_ == end_) {
      auto n = fill();
      if (!n) return n.error();
      if (*n == 0) return damaged("the archive ends in the middle of an entry");
    }
    size_t take = static_cast<size_t>(std::min<uint64_t>(size, end_ - begin_));
    begin_ += take;
    size -= take;
    offset_ += take;
  }
  return Ok{};
}

Result<std::string> TarReader::read_record(uint64_t size, const char* kind) {
  if (size > kMaxRecord) {
    return damaged(std::string("a ") + kind + " of " + std::to_string(size) + " bytes");
  }
  std::string record(static_cast<size_t>(size), '\0');
  if (auto read = read_exact(record.data(), record.size()); !read) return read.error();
  if (auto pad = skip((kBlock - size % kBlock) % kBlock); !pad) return pad.error();
  return record;
}

Result<size_t> TarReader::EntryData::read(char* buffer, size_t size) {
  TarReader& r = reader_;
  if (r.remaining_ == 0) return size_t{0};
  if (r.begin_ == r.end_) {
    auto n = r.fill();
    if (!n) return n.error();
    if (*n == 0) return r.damaged("the archive ends in the middle of an entry");
  }
  size_t take = static_cast<size_t>(std::min<uint64_t>({size, r.remaining_, r.end_ - r.begin_}));
  std::copy_n(r.buffer_.data() + r.begin_, take, buffer);
  r.begin_ += take;
  r.remaining_ -= take;
  r.offset_ += take;
  return take;
}

Result<std::optional<TarEntry>> TarReader::next() {
  if (ended_) return std::optional<TarEntry>();
  if (auto rest = skip(remaining_ + padding_); !rest) return rest.error();
  remaining_ = padding_ = 0;
  PaxFields pax;
  std::optional<std::string> long_name, long_link;
  for (;;) {
    char header[kBlock];
    if (begin_ == end_) {
      auto n = fill();
      if (!n) return n.error();
      // An archive may end without its two zero blocks (a truncated writer
      // still wrote whole entries); ending between entries is not damage.
      if (*n == 0 && !pax.path && !long_name) {
        ended_ = true;
        return std::optional<TarEntry>();
      }
    }
    if (auto read = read_exact(header, kBlock); !read) return read.error();
    if (is_zero_block(header)) {
      ended_ = true;
      return std::optional<TarEntry>();
    }
    if (!checksum_matches(header)) return damaged("a header with a wrong checksum");
    auto size = parse_number(header + 124, 12);
    auto mode = parse_number(header + 100, 8);
    auto uid = parse_number(header + 108, 8);
    auto gid = parse_number(header + 116, 8);
    if (!size || !mode || !uid || !gid) return damaged("a header with a malformed number");
    char type = header[156];
    if (type == 'x' || type == 'g') {
      auto record = read_record(*size, "pax header");
      if (!record) return record.error();
      PaxFields fields;
      if (!parse_pax(*record, fields)) return damaged("a malformed pax header");
      // A global header's defaults are not needed for what an image is judged on.
      if (type == 'x') pax = std::move(fields);
      continue;
    }
    if (type == 'L' || type == 'K') {
      auto record = read_record(*size, "GNU long name");
      if (!record) return record.error();
      std::string name = field_string(record->data(), record->size());
      (type == 'L' ? long_name : long_link) = std::move(name);
      continue;
    }
    TarEntry entry;
    bool posix = std::memcmp(header + 257, "ustar\0", 6) == 0;
    entry.path = field_string(header, 100);
    if (posix && header[345] != '\0')
      entry.path = field_string(header + 345, 155) + "/" + entry.path;
    entry.link = field_string(header + 157, 100);
    if (long_name) entry.path = *long_name;
    if (long_link) entry.link = *long_link;
    if (pax.path) entry.path = *pax.path;
    if (pax.link) entry.link = *pax.link;
    if (pax.capability) entry.capability = *pax.capability;
    uint64_t data_size = pax.size.value_or(*size);
    uint64_t owner = pax.uid.value_or(*uid);
    uint64_t group = pax.gid.value_or(*gid);
    if (owner > UINT32_MAX || group > UINT32_MAX) return damaged("an owner id beyond 32 bits");
    entry.uid = static_cast<uint32_t>(owner);
    entry.gid = static_cast<uint32_t>(group);
    entry.mode = static_cast<uint32_t>(*mode & 07777);
    switch (type) {
      case '1':
        entry.type = TarEntry::Type::kHardLink;
        break;
      case '2':
        entry.type = TarEntry::Type::kSymlink;
        break;
      case '3':
        entry.type = TarEntry::Type::kCharDevice;
        break;
      case '4':
        entry.type = TarEntry::Type::kBlockDevice;
        break;
      case '5':
        entry.type = TarEntry::Type::kDirectory;
        break;
      case '6':
        entry.type = TarEntry::Type::kFifo;
        break;
      case 'S':
        return damaged("a GNU sparse file, which image layers do not use");
      default:
        // POSIX: unknown types read as regular files; v7 marked directories with '/'.
        entry.type = !posix && !entry.path.empty() && entry.path.back() == '/'
                         ? TarEntry::Type::kDirectory
                         : TarEntry::Type::kFile;
    }
    // Only regular files carry data; the size of others is not theirs to claim.
    remaining_ = entry.type == TarEntry::Type::kFile ? data_size : 0;
    padding_ = (kBlock - remaining_ % kBlock) % kBlock;
    entry.size = remaining_;
    ++entries_;
    return std::optional<TarEntry>(std::move(entry));
  }
}

}  // namespace unroot::image
