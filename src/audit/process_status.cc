#include "audit/process_status.h"

#include <charconv>
#include <iterator>
#include <string>

namespace unroot {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits on runs of blanks.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

template <typename T>
bool parse_number(std::string_view s, T& out, int base = 10) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && end == s.data() + s.size();
}

Error malformed(std::string_view field, std::string_view value) {
  return Error{"reading the process status",
               "field " + std::string(field) + " has an unexpected value \"" +
                   std::string(value.substr(0, 64)) + "\"",
               "this kernel's /proc format is not one unroot knows; please report it"};
}

}  // namespace

Result<ProcessStatus> parse_process_status(std::string_view text) {
  ProcessStatus status;
  // Fields every kernel unroot runs on prints; defaulting them would turn an
  // unreadable fact into a claim (uid 0, no capabilities).
  constexpr std::string_view kRequired[] = {"Uid", "Gid", "CapInh", "CapPrm", "CapEff", "CapBnd"};
  bool seen[std::size(kRequired)] = {};
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    for (size_t i = 0; i < std::size(kRequired); ++i) {
      if (key == kRequired[i]) seen[i] = true;
    }

    if (key == "Uid" || key == "Gid") {
      uint32_t* ids = key == "Uid" ? status.uid : status.gid;
      std::vector<std::string_view> parts = words(value);
      if (parts.size() != 4) return malformed(key, value);
      for (size_t i = 0; i < 4; ++i) {
        if (!parse_number(parts[i], ids[i])) return malformed(key, value);
      }
    } else if (key == "Groups") {
      status.groups.clear();
      for (std::string_view part : words(value)) {
        uint32_t gid = 0;
        if (!parse_number(part, gid)) return malformed(key, value);
        status.groups.push_back(gid);
      }
    } else if (key == "CapInh" || key == "CapPrm" || key == "CapEff" || key == "CapBnd" ||
               key == "CapAmb") {
      uint64_t bits = 0;
      if (value.empty() || value.size() > 16 || !parse_number(value, bits, 16)) {
        return malformed(key, value);
      }
      CapabilitySet set(bits);
      if (key == "CapInh") status.inheritable = set;
      if (key == "CapPrm") status.permitted = set;
      if (key == "CapEff") status.effective = set;
      if (key == "CapBnd") status.bounding = set;
      if (key == "CapAmb") status.ambient = set;
    } else if (key == "NoNewPrivs") {
      if (value != "0" && value != "1") return malformed(key, value);
      status.no_new_privs = value == "1";
    } else if (key == "Seccomp") {
      if (!parse_number(value, status.seccomp_mode) || status.seccomp_mode < 0 ||
          status.seccomp_mode > 2) {
        return malformed(key, value);
      }
    } else if (key == "Seccomp_filters") {
      if (!parse_number(value, status.seccomp_filters) || status.seccomp_filters < 0) {
        return malformed(key, value);
      }
    }
  }
  for (size_t i = 0; i < std::size(kRequired); ++i) {
    if (!seen[i]) {
      return Error{"reading the process status",
                   "field " + std::string(kRequired[i]) + " is missing",
                   "run unroot check on Linux with /proc mounted"};
    }
  }
  return status;
}

}  // namespace unroot
