// libFuzzer target: account-file rewriting and the prepared record. Input: a
// user name, a NUL byte, file text. Checks that a rewrite changes nothing but
// the one line it names.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ownership/account_files.h"
#include "ownership/prepared_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  if (nul == std::string_view::npos) return 0;
  std::string_view name = input.substr(0, nul);
  std::string_view text = input.substr(nul + 1);
  for (auto rewritten : {unroot::rewrite_passwd_ids(text, name, 4242, 4343),
                         unroot::rewrite_group_gid(text, name, 4343)}) {
    if (!rewritten.ok()) continue;
    const std::string& out = *rewritten;
    // Same number of lines, and the same bytes before the first difference's line.
    size_t lines_in = 0, lines_out = 0;
    for (char c : text) lines_in += c == '\n';
    for (char c : out) lines_out += c == '\n';
    if (lines_in != lines_out) __builtin_trap();
    size_t first = 0;
    while (first < text.size() && first < out.size() && text[first] == out[first]) ++first;
    size_t line_start = text.rfind('\n', first == 0 ? 0 : first - 1);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    if (out.compare(0, line_start, text.substr(0, line_start)) != 0) __builtin_trap();
    size_t in_end = text.find('\n', first);
    size_t out_end = out.find('\n', first);
    if ((in_end == std::string_view::npos) != (out_end == std::string::npos)) __builtin_trap();
    if (in_end != std::string_view::npos &&
        text.substr(in_end) != std::string_view(out).substr(out_end)) {
      __builtin_trap();
    }
  }
  auto users = unroot::parse_prepared(text);
  if (unroot::parse_prepared(unroot::format_prepared(users)) != users) __builtin_trap();
  return 0;
}
