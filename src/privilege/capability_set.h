// CapabilitySet: a set of Linux capabilities, named as capabilities(7) names
// them. Names are accepted with or without the `CAP_` prefix, in any case.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace unroot {

/// A set of capability numbers 0..63 (the kernel's ABI width), as a bit mask.
class CapabilitySet {
 public:
  CapabilitySet() = default;
  explicit CapabilitySet(uint64_t bits) : bits_(bits) {}

  void add(int cap) { bits_ |= uint64_t{1} << cap; }
  bool has(int cap) const { return (bits_ >> cap) & 1; }
  bool empty() const { return bits_ == 0; }
  uint64_t bits() const { return bits_; }
  bool operator==(const CapabilitySet&) const = default;

  /// Comma-separated lower-case names (`cap_net_bind_service,...`), "none" when empty.
  std::string to_string() const;

 private:
  uint64_t bits_ = 0;
};

/// The capability called `name` (`NET_BIND_SERVICE`, `cap_net_bind_service`),
/// or an Error naming it when the kernel headers unroot was built with know no
/// such capability. Numbers and "all" are refused: a name must be explicit.
Result<int> parse_capability_name(std::string_view name);

/// The canonical name of `cap`, e.g. "cap_setuid".
std::string capability_name(int cap);

/// Which of the calling thread's capability sets to read.
enum class CapabilityFlag { kEffective, kPermitted, kInheritable };

/// One of the calling thread's capability sets, as the kernel reports it now
/// (empty if it cannot be read).
CapabilitySet process_capabilities(CapabilityFlag which);

}  // namespace unroot
