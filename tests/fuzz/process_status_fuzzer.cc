// libFuzzer target: /proc/<pid>/status parsing. Input: the file's text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/process_status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto status =
      unroot::parse_process_status(std::string_view(reinterpret_cast<const char*>(data), size));
  if (status && (status->seccomp_mode < 0 || status->seccomp_mode > 2)) __builtin_trap();
  return 0;
}
