#include "image/tar_reader.h"

#include <gtest/gtest.h>

#include "tar_builder.h"

namespace unroot::image {
namespace {

using testing::TarBuilder;
using testing::TarHeader;

std::vector<TarEntry> entries_of(const std::string& tar, std::string* error = nullptr,
                                 std::vector<std::string>* data = nullptr) {
  MemorySource source(tar);
  TarReader reader(source, "test.tar");
  std::vector<TarEntry> out;
  for (;;) {
    auto next = reader.next();
    if (!next) {
      if (error) *error = next.error().message();
      return out;
    }
    if (!*next) return out;
    if (data) {
      std::string bytes((*next)->size, '\0');
      auto n = read_up_to(reader.data(), bytes.data(), bytes.size());
      EXPECT_TRUE(n);
      data->push_back(bytes);
    }
    out.push_back(**next);
  }
}

TEST(TarReader, ReadsTypesModesOwnersAndData) {
  std::string tar = TarBuilder()
                        .dir("etc/", 0755)
                        .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644, 0, 0)
                        .file("usr/bin/su", "ELF", 04755, 0, 0)
                        .symlink("bin", "usr/bin")
                        .hardlink("usr/bin/su2", "usr/bin/su")
                        .raw({"dev/null", '3', 0666, 0, 0, "",
                              std::string("ustar\0"
                                          "00",
                                          8)},
                             "")
                        .raw({"app", '0', 0600, 10001, 10001, "",
                              std::string("ustar\0"
                                          "00",
                                          8)},
                             "x")
                        .done();
  std::vector<std::string> data;
  auto entries = entries_of(tar, nullptr, &data);
  ASSERT_EQ(entries.size(), 7u);
  EXPECT_EQ(entries[0].type, TarEntry::Type::kDirectory);
  EXPECT_EQ(entries[1].path, "etc/passwd");
  EXPECT_EQ(data[1], "root:x:0:0::/root:/bin/sh\n");
  EXPECT_EQ(entries[2].mode, 04755u);
  EXPECT_EQ(entries[3].type, TarEntry::Type::kSymlink);
  EXPECT_EQ(entries[3].link, "usr/bin");
  EXPECT_EQ(entries[4].type, TarEntry::Type::kHardLink);
  EXPECT_EQ(entries[4].link, "usr/bin/su");
  EXPECT_EQ(entries[5].type, TarEntry::Type::kCharDevice);
  EXPECT_EQ(entries[6].uid, 10001u);
  EXPECT_EQ(entries[6].gid, 10001u);
}

TEST(TarReader, SkipsDataNotRead) {
  std::string tar = TarBuilder().file("a", std::string(5000, 'a')).file("b", "bee").done();
  auto entries = entries_of(tar);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[1].path, "b");
}

TEST(TarReader, PaxRecordsOverrideTheHeader) {
  std::string long_path = std::string(150, 'd') + "/" + std::string(120, 'f');
  std::string cap(
      "\x01\x00\x00\x02\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 20);
  std::string tar = TarBuilder()
                        .pax({{"path", long_path},
                              {"uid", "4000000000"},
                              {"SCHILY.xattr.security.capability", cap}})
                        .file("short", "x")
                        .file("next", "y")
                        .done();
  auto entries = entries_of(tar);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].path, long_path);
  EXPECT_EQ(entries[0].uid, 4000000000u);
  EXPECT_EQ(entries[0].capability, cap);
  // A pax header speaks for the one entry after it.
  EXPECT_EQ(entries[1].path, "next");
  EXPECT_EQ(entries[1].uid, 0u);
  EXPECT_EQ(entries[1].capability, "");
}

TEST(TarReader, GnuLongNamesAndUstarPrefix) {
  std::string long_name = std::string(300, 'n');
  std::string prefixed = TarBuilder().file("name", "x").unfinished();
  prefixed.replace(345, 6, "prefix");
  testing::seal(prefixed);  // the checksum must cover the prefix
  std::string tar = TarBuilder().long_name(long_name).file("cut", "x").unfinished() + prefixed +
                    std::string(1024, '\0');
  auto entries = entries_of(tar);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].path, long_name);
  EXPECT_EQ(entries[1].path, "prefix/name");
}

TEST(TarReader, BaseTwoFiftySixNumbers) {
  std::string tar = TarBuilder().file("big", "").unfinished();
  // uid 5000000000 does not fit octal's 7 digits: base-256 with the high bit set.
  std::string field(8, '\0');
  field[0] = static_cast<char>(0x80);
  uint64_t uid = 5000000000ull;
  for (int i = 7; i >= 1; --i, uid >>= 8)
    field[static_cast<size_t>(i)] = static_cast<char>(uid & 0xff);
  tar.replace(108, 8, field);
  testing::seal(tar);
  std::string error;
  auto entries = entries_of(tar + std::string(1024, '\0'), &error);
  // Read, then refused: owner ids are 32 bits.
  EXPECT_TRUE(entries.empty());
  EXPECT_NE(error.find("beyond 32 bits"), std::string::npos) << error;
}

TEST(TarReader, DamageIsAnErrorNotAGuess) {
  std::string tar = TarBuilder().file("a", "data").done();
  std::string bad = tar;
  bad[0] = 'b';  // the checksum no longer matches
  std::string error;
  entries_of(bad, &error);
  EXPECT_NE(error.find("wrong checksum"), std::string::npos) << error;

  error.clear();
  entries_of(tar.substr(0, 600), &error);  // cut inside the data's padding
  EXPECT_NE(error.find("ends in the middle of an entry"), std::string::npos) << error;
  std::string cut = tar.substr(0, 512);
  MemorySource source(cut);
  TarReader reader(source, "cut.tar");
  auto first = reader.next();
  ASSERT_TRUE(first && *first);
  char buffer[16];
  auto read = reader.data().read(buffer, sizeof buffer);
  EXPECT_FALSE(read);
  EXPECT_NE(read.error().message().find("ends in the middle"), std::string::npos);

  error.clear();
  entries_of(TarBuilder().pax({{"size", "12x"}}).file("a", "").done(), &error);
  EXPECT_NE(error.find("malformed pax"), std::string::npos) << error;
}

TEST(TarReader, EndsWithOrWithoutZeroBlocks) {
  EXPECT_EQ(entries_of(TarBuilder().file("a", "x").unfinished()).size(), 1u);
  EXPECT_TRUE(entries_of(std::string(1024, '\0')).empty());
  EXPECT_TRUE(entries_of("").empty());
}

TEST(TarReader, RefusesSparseFiles) {
  std::string error;
  entries_of(TarBuilder().raw({"s", 'S', 0644, 0, 0, "", "ustar  "}, "").done(), &error);
  EXPECT_NE(error.find("sparse"), std::string::npos) << error;
}

}  // namespace
}  // namespace unroot::image
