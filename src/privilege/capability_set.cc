#include "privilege/capability_set.h"

#include <sys/capability.h>

#include <cctype>

#include "identity/numeric_id.h"

namespace unroot {

Result<int> parse_capability_name(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.rfind("cap_", 0) != 0) lower = "cap_" + lower;
  cap_value_t value = 0;
  // libcap also takes numbers; a kept capability must be named to be reviewable.
  bool numeric = all_digits(name);
  if (numeric || lower == "cap_all" || cap_from_name(lower.c_str(), &value) != 0 || value < 0 ||
      value > 63) {
    return Error{"unknown capability \"" + std::string(name) + "\"",
                 "not a capability name of capabilities(7)",
                 "use a name such as NET_BIND_SERVICE or cap_net_bind_service"};
  }
  return static_cast<int>(value);
}

std::string capability_name(int cap) {
  char* name = cap_to_name(static_cast<cap_value_t>(cap));
  std::string result = name ? name : "cap_" + std::to_string(cap);
  cap_free(name);
  return result;
}

CapabilitySet process_capabilities(CapabilityFlag which) {
  const cap_flag_t flag = which == CapabilityFlag::kEffective   ? CAP_EFFECTIVE
                          : which == CapabilityFlag::kPermitted ? CAP_PERMITTED
                                                                : CAP_INHERITABLE;
  CapabilitySet set;
  cap_t caps = cap_get_proc();
  if (!caps) return set;
  for (cap_value_t cap = 0; cap < 64; ++cap) {
    cap_flag_value_t v = CAP_CLEAR;
    if (cap_get_flag(caps, cap, flag, &v) == 0 && v == CAP_SET) set.add(cap);
  }
  cap_free(caps);
  return set;
}

std::string CapabilitySet::to_string() const {
  std::string s;
  for (int cap = 0; cap < 64; ++cap) {
    if (!has(cap)) continue;
    if (!s.empty()) s += ',';
    s += capability_name(cap);
  }
  return s.empty() ? "none" : s;
}

}  // namespace unroot
