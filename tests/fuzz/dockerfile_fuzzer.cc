// libFuzzer target: Dockerfile parsing and word expansion. Input: a
// Dockerfile's text; every argument of what parses is expanded as well.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dockerfile/expand.h"
#include "dockerfile/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = unroot::dockerfile::parse_dockerfile(text);
  if (!parsed) {
    if (parsed.error().position.line < 1 || parsed.error().message.empty()) __builtin_trap();
    return 0;
  }
  const unroot::dockerfile::Variables variables = {{"A", "a"}, {"B", ""}};
  for (const auto& instruction : parsed->instructions) {
    if (instruction.position.line < 1 || instruction.end_line < instruction.position.line) {
      __builtin_trap();
    }
    (void)unroot::dockerfile::expand_words(instruction.arguments, variables, parsed->escape);
  }
  return 0;
}
