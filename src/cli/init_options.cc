#include "cli/init_options.h"

#include <string>

#include "identity/numeric_id.h"
#include "process/signal_names.h"

namespace unroot::cli {

Status add_remapped_exit(std::string_view code, SupervisorConfig& config) {
  auto value = parse_id(code);
  if (!value || *value > 255) {
    return Error{"invalid exit code \"" + std::string(code) + "\"", "not a number from 0 to 255",
                 "give the exit status to report as 0"};
  }
  config.remap_to_zero.set(*value);
  return Ok{};
}

Status add_rewrite(std::string_view rule, SupervisorConfig& config) {
  size_t colon = rule.find(':');
  if (colon == std::string_view::npos) {
    return Error{"invalid rewrite \"" + std::string(rule) + "\"", "expected FROM:TO",
                 "e.g. --rewrite TERM:QUIT"};
  }
  auto from = parse_signal(rule.substr(0, colon));
  if (!from) return from.error();
  auto to = parse_signal(rule.substr(colon + 1));
  if (!to) return to.error();
  if (!is_forwarded_signal(*from)) {
    return Error{"invalid rewrite \"" + std::string(rule) + "\"",
                 signal_name(*from) + " is never passed on by init",
                 "rewrite a signal init forwards, such as TERM or HUP"};
  }
  config.rewrite[static_cast<size_t>(*from)] = *to;
  return Ok{};
}

Status set_grace(std::string_view seconds, SupervisorConfig& config) {
  auto value = parse_id(seconds);
  if (!value || *value > 3600) {
    return Error{"invalid grace period \"" + std::string(seconds) + "\"",
                 "not a whole number of seconds from 0 to 3600", "e.g. --grace 5"};
  }
  config.grace_seconds = *value;
  return Ok{};
}

}  // namespace unroot::cli
