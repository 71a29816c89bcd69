// libFuzzer target: the whole lint pipeline without an engine — Dockerfile
// parsing, the build model (shell splitting, account and mode parsing) and
// every rule — and the shell splitter on the raw input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dockerfile/parser.h"
#include "lint/build_model.h"
#include "lint/rules.h"
#include "lint/shell_commands.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& command : unroot::lint::split_shell(text)) {
    if (command.line < 1) __builtin_trap();
  }
  auto parsed = unroot::dockerfile::parse_dockerfile(text);
  if (!parsed) return 0;
  auto model = unroot::lint::build_model(*parsed, {{}, ""});
  for (const auto& finding : unroot::lint::run_rules(*parsed, model, {})) {
    if (finding.position.line < 1 || !unroot::lint::find_rule(finding.rule)) __builtin_trap();
  }
  return 0;
}
