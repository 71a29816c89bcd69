// libFuzzer target: sudoers and doas.conf evaluation. Input: the file's text,
// read both as sudoers and as doas.conf, for a fixed user.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/sudo_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const unroot::SudoSubject app{"app", 10001, {"app", "staff"}, {10001, 50}};
  auto verdict = unroot::evaluate_sudoers(text, app);
  if (verdict.passwordless_all != (verdict.line > 0)) __builtin_trap();
  if (unroot::doas_passwordless_all(text, app) < 0) __builtin_trap();
  return 0;
}
