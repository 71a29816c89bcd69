// TarBuilder: tar archives for tests, written byte by byte as GNU tar and
// Docker write them (ustar headers with checksums, pax records, GNU long
// names), so the reader is tested against the format, not against itself.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

namespace unroot::testing {

struct TarHeader {
  std::string name;
  char type = '0';
  unsigned mode = 0644;
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::string link;
  std::string magic = std::string(
      "ustar\0"
      "00",
      8);
};

/// Writes the checksum of the 512-byte header at `offset` of `tar`, after a
/// test changed its fields.
inline void seal(std::string& tar, size_t offset = 0) {
  unsigned sum = 0;
  for (size_t i = 0; i < 512; ++i) {
    sum += i >= 148 && i < 156 ? ' ' : static_cast<unsigned char>(tar[offset + i]);
  }
  char field[8];
  snprintf(field, sizeof field, "%06o", sum);
  tar.replace(offset + 148, 7, std::string(field, 7));
}

class TarBuilder {
 public:
  /// A header block and `data` padded to 512 bytes.
  TarBuilder& raw(const TarHeader& h, const std::string& data, size_t size_field = SIZE_MAX) {
    std::string block(512, '\0');
    auto put = [&block](size_t at, const std::string& text, size_t width) {
      block.replace(at, std::min(text.size(), width), text.substr(0, width));
    };
    auto octal = [&put](size_t at, uint64_t value, size_t width) {
      char buffer[32];
      snprintf(buffer, sizeof buffer, "%0*llo", static_cast<int>(width - 1),
               static_cast<unsigned long long>(value));
      put(at, buffer, width - 1);
    };
    put(0, h.name, 100);
    octal(100, h.mode, 8);
    octal(108, h.uid, 8);
    octal(116, h.gid, 8);
    octal(124, size_field == SIZE_MAX ? data.size() : size_field, 12);
    octal(136, 0, 12);
    block[156] = h.type;
    put(157, h.link, 100);
    put(257, h.magic, 8);
    seal(block);
    bytes_ += block + data + std::string((512 - data.size() % 512) % 512, '\0');
    return *this;
  }
  TarBuilder& file(const std::string& name, const std::string& data, unsigned mode = 0644,
                   uint32_t uid = 0, uint32_t gid = 0) {
    return raw({name, '0', mode, uid, gid, "",
                std::string("ustar\0"
                            "00",
                            8)},
               data);
  }
  TarBuilder& dir(const std::string& name, unsigned mode = 0755, uint32_t uid = 0) {
    return raw({name, '5', mode, uid, 0, "",
                std::string("ustar\0"
                            "00",
                            8)},
               "");
  }
  TarBuilder& symlink(const std::string& name, const std::string& target) {
    return raw({name, '2', 0777, 0, 0, target,
                std::string("ustar\0"
                            "00",
                            8)},
               "");
  }
  TarBuilder& hardlink(const std::string& name, const std::string& target) {
    return raw({name, '1', 0644, 0, 0, target,
                std::string("ustar\0"
                            "00",
                            8)},
               "");
  }
  /// A pax extended header whose records apply to the next entry.
  TarBuilder& pax(const std::map<std::string, std::string>& records) {
    std::string data;
    for (const auto& [key, value] : records) {
      std::string body = " " + key + "=" + value + "\n";
      size_t length = body.size() + 1;
      while (std::to_string(length).size() + body.size() != length) ++length;
      data += std::to_string(length) + body;
    }
    return raw({"PaxHeaders/x", 'x', 0644, 0, 0, "",
                std::string("ustar\0"
                            "00",
                            8)},
               data);
  }
  /// A GNU long-name record for the next entry.
  TarBuilder& long_name(const std::string& name) {
    return raw({"././@LongLink", 'L', 0644, 0, 0, "", "ustar  "}, name + std::string(1, '\0'));
  }
  /// The archive with its two zero blocks.
  std::string done() const { return bytes_ + std::string(1024, '\0'); }
  std::string unfinished() const { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace unroot::testing
