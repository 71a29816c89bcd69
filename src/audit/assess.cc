#include "audit/assess.h"

#include <linux/capability.h>

#include <algorithm>

namespace unroot {
namespace {

std::string join(const std::vector<std::string>& items, size_t limit = 12) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < limit; ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  if (items.size() > limit) out += " and " + std::to_string(items.size() - limit) + " more";
  return out;
}

std::string hex_mask(uint64_t bits) {
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, bits >>= 4)
    out[static_cast<size_t>(i)] = "0123456789abcdef"[bits & 15];
  return out;
}

std::string octal_mode(unsigned mode) {
  std::string out(4, '0');
  for (int i = 3; i >= 0; --i, mode >>= 3)
    out[static_cast<size_t>(i)] = static_cast<char>('0' + (mode & 7));
  return out;
}

std::string who(uint32_t uid, const std::string& name) {
  return name.empty() ? "uid " + std::to_string(uid)
                      : "uid " + std::to_string(uid) + " (" + name + ")";
}

Finding identity_root(const AuditFacts& facts) {
  uint32_t euid = facts.status.uid[1];
  Finding f{"identity.root", FindingStatus::kPass, "", "", ""};
  std::optional<uint32_t> host;
  if (facts.uid_map) host = map_to_host(*facts.uid_map, euid);
  f.evidence = "effective " + who(euid, facts.user_name) + "; uid_map " +
               (!facts.uid_map                    ? std::string("unreadable")
                : is_identity_map(*facts.uid_map) ? std::string("is the host's (0 0 4294967295)")
                : host                            ? "maps it to host uid " + std::to_string(*host)
                                                  : std::string("does not map it"));
  if (euid != 0) {
    f.summary = "runs as " + who(euid, facts.user_name) +
                (host ? ", host uid " + std::to_string(*host) : std::string());
    return f;
  }
  if (!facts.uid_map || (host && *host == 0)) {
    f.status = FindingStatus::kFail;
    f.summary = "runs as root, and it is the host's root";
    f.remedy = "drop to a user in the entrypoint (unroot exec app -- CMD) or run with --user";
    return f;
  }
  f.status = FindingStatus::kWarn;
  f.summary = "runs as root inside a user namespace" +
              (host ? ", mapped to unprivileged host uid " + std::to_string(*host) : std::string());
  f.remedy = "drop to a user in the entrypoint (unroot exec app -- CMD) all the same";
  return f;
}

Finding identity_groups(const AuditFacts& facts) {
  static const char* const kPowerful[] = {"root", "docker", "disk", "shadow",
                                          "sudo", "wheel",  "adm",  "kvm"};
  Finding f{"identity.groups", FindingStatus::kPass, "", "", ""};
  std::vector<std::string> all, powerful;
  for (const auto& group : facts.groups) {
    const uint32_t gid = group.first;
    const std::string& name = group.second;
    std::string label =
        name.empty() ? std::to_string(gid) : name + " (" + std::to_string(gid) + ")";
    if (std::find(all.begin(), all.end(), label) != all.end()) continue;
    all.push_back(label);
    bool grants = gid == 0 || std::any_of(std::begin(kPowerful), std::end(kPowerful),
                                          [&](const char* g) { return name == g; });
    if (grants) powerful.push_back(label);
  }
  f.evidence = "groups: " + (all.empty() ? std::string("none") : join(all));
  if (powerful.empty()) {
    f.summary = "no group grants extra power";
    return f;
  }
  f.status = FindingStatus::kWarn;
  f.summary = "member of groups that grant power: " + join(powerful);
  f.remedy =
      "give the user only its own group (unroot drops supplementary groups it does not list)";
  return f;
}

Finding capabilities(const AuditFacts& facts, const char* id, const char* field,
                     CapabilitySet set) {
  CapabilitySet dangerous(set.bits() & dangerous_capabilities().bits());
  CapabilitySet other(set.bits() & ~dangerous_capabilities().bits());
  Finding f{id, FindingStatus::kPass, "", std::string(field) + " " + hex_mask(set.bits()), ""};
  if (set.empty()) {
    f.summary = "none";
    return f;
  }
  bool bounding = std::string_view(id) == "caps.bounding";
  if (!dangerous.empty()) {
    // With no_new_privs no exec can raise a capability up to the bounding set,
    // so there it limits nothing an attacker can reach.
    f.status = bounding && facts.status.no_new_privs ? FindingStatus::kWarn : FindingStatus::kFail;
    f.summary = "dangerous: " + dangerous.to_string() +
                (other.empty() ? std::string() : "; also " + other.to_string());
    if (bounding && facts.status.no_new_privs) f.summary += " (unreachable: no_new_privs is on)";
    f.remedy = "run with --cap-drop ALL (adding back only what is needed) or drop through unroot";
    return f;
  }
  f.status = FindingStatus::kWarn;
  f.summary = other.to_string();
  f.remedy = "drop what the application does not need (--cap-drop)";
  return f;
}

Finding no_new_privs(const AuditFacts& facts) {
  Finding f{"no_new_privs", FindingStatus::kPass, "",
            std::string("NoNewPrivs ") + (facts.status.no_new_privs ? "1" : "0"), ""};
  if (facts.status.no_new_privs) {
    f.summary = "on: no exec can gain privileges";
    return f;
  }
  f.status = FindingStatus::kWarn;
  f.summary = "off: setuid programs and file capabilities can raise privileges";
  f.remedy = "run with --security-opt no-new-privileges or drop through unroot";
  return f;
}

Finding seccomp(const AuditFacts& facts) {
  static const char* const kModes[] = {"0 (none)", "1 (strict)", "2 (filter)"};
  Finding f{"seccomp", FindingStatus::kPass, "",
            std::string("Seccomp ") + kModes[facts.status.seccomp_mode] + ", " +
                std::to_string(facts.status.seccomp_filters) + " filter(s)",
            ""};
  if (facts.status.seccomp_mode != 0) {
    f.summary = "system calls are filtered";
    return f;
  }
  f.status = FindingStatus::kWarn;
  f.summary = "no seccomp filter: every system call reaches the kernel";
  f.remedy = "keep the engine's default seccomp profile (no --security-opt seccomp=unconfined)";
  return f;
}

// Informational either way: most containers write where file permissions
// say, and writable_sensitive judges the places that matter.
Finding writes(const AuditFacts& facts) {
  Finding f{"writes", FindingStatus::kPass, "", "", ""};
  f.evidence = std::string("open(/dev/urandom, O_WRONLY): ") +
               (facts.writes_fenced ? "refused although its mode allows it" : "allowed") +
               "; Landlock ABI " + std::to_string(facts.landlock_abi) +
               (facts.landlock_abi ? " available" : " (none)");
  if (facts.writes_fenced) {
    f.summary = "writes are fenced to declared paths (Landlock, as unroot --write sets)";
    return f;
  }
  f.summary = "writes are not fenced: the user writes wherever file permissions let it";
  f.remedy = facts.landlock_abi
                 ? "declare the application's data directories: unroot exec --write PATH"
                 : "nothing: this kernel offers no Landlock";
  return f;
}

Finding lsm(const AuditFacts& facts) {
  Finding f{"lsm", FindingStatus::kPass, "", "", ""};
  f.evidence = facts.lsm_name.empty() ? "no AppArmor or SELinux label readable"
                                      : facts.lsm_name + " label \"" + facts.lsm_label + "\"";
  bool confined = false;
  if (facts.lsm_name == "apparmor") {
    confined = facts.lsm_label != "unconfined" &&
               facts.lsm_label.find("(complain)") == std::string::npos &&
               facts.lsm_label.find("(unconfined)") == std::string::npos;
  } else if (facts.lsm_name == "selinux") {
    // user:role:type:level; these types are SELinux's "not confined".
    size_t first = facts.lsm_label.find(':');
    size_t second = first == std::string::npos ? first : facts.lsm_label.find(':', first + 1);
    size_t third = second == std::string::npos ? second : facts.lsm_label.find(':', second + 1);
    std::string type =
        second == std::string::npos
            ? std::string()
            : facts.lsm_label.substr(
                  second + 1, third == std::string::npos ? std::string::npos : third - second - 1);
    confined = !type.empty() && type != "unconfined_t" && type != "spc_t" && type != "kernel_t";
  }
  if (confined) {
    f.summary = "confined by " + facts.lsm_name + " (" + facts.lsm_label + ")";
    return f;
  }
  f.status = FindingStatus::kWarn;
  f.summary = facts.lsm_name.empty()
                  ? "no AppArmor profile or SELinux context confines the process"
                  : facts.lsm_name + " is active but does not confine the process";
  f.remedy =
      "keep the engine's default profile (no --security-opt apparmor=unconfined / label=disable)";
  return f;
}

Finding privileged(const AuditFacts& facts) {
  // --privileged grants every capability the engine knows and holds. Engines
  // know at least 0..CAP_AUDIT_READ (37), not always the newer ones, and a
  // confined engine (a sandbox, a rootless daemon) may lack one or two: the
  // sign is "nearly all of 0..37".
  int classic = std::min(facts.cap_last_cap, CAP_AUDIT_READ);
  uint64_t all = (uint64_t{1} << (classic + 1)) - 1;
  int held = __builtin_popcountll(facts.status.bounding.bits() & all);
  int known = classic + 1;
  bool full_bounding = known - held <= 2;
  std::vector<std::string> signs;
  if (full_bounding) {
    signs.push_back("bounding set holds " + std::to_string(held) + " of capabilities 0-" +
                    std::to_string(classic));
  }
  if (!facts.host_devices.empty()) signs.push_back("host devices: " + join(facts.host_devices, 6));
  if (facts.sys_writable) signs.push_back("/sys mounted read-write");
  Finding f{"privileged", FindingStatus::kPass, "",
            signs.empty() ? std::string("bounding set partial, /dev minimal, /sys read-only")
                          : join(signs),
            ""};
  if (signs.empty()) {
    f.summary = "no sign of --privileged";
    return f;
  }
  f.status = full_bounding && signs.size() > 1 ? FindingStatus::kFail : FindingStatus::kWarn;
  f.summary = f.status == FindingStatus::kFail ? "the container looks --privileged"
                                               : "one sign of --privileged";
  f.remedy =
      "run without --privileged; grant single devices (--device) and capabilities (--cap-add)";
  return f;
}

Finding runtime_socket(const AuditFacts& facts) {
  Finding f{"runtime_socket", FindingStatus::kPass, "", "", ""};
  f.evidence = facts.reachable_sockets.empty() && facts.unreachable_sockets.empty()
                   ? "no container-runtime socket found"
                   : "";
  if (!facts.unreachable_sockets.empty()) {
    f.evidence = "present, refused: " + join(facts.unreachable_sockets);
  }
  if (facts.reachable_sockets.empty()) {
    f.summary = "no container-runtime socket this user can connect to";
    return f;
  }
  f.status = FindingStatus::kFail;
  f.summary = "can drive the container engine (root on the host): " + join(facts.reachable_sockets);
  f.evidence =
      "connected to " + join(facts.reachable_sockets) +
      (facts.unreachable_sockets.empty() ? "" : "; refused: " + join(facts.unreachable_sockets));
  f.remedy = "do not mount the engine's socket into the container";
  return f;
}

}  // namespace

Finding assess_setuid_files(const std::optional<SetuidScan>& setuid, bool no_new_privs) {
  Finding f{"setuid_files", FindingStatus::kPass, "", "", ""};
  if (!setuid) {
    f.status = FindingStatus::kSkip;
    f.summary = "not scanned (--no-scan)";
    return f;
  }
  const SetuidScan& scan = *setuid;
  std::vector<std::string> listed;
  bool root_owned_setuid = false;
  for (const SetuidFile& file : scan.files) {
    listed.push_back(file.path + " " + octal_mode(file.mode) + " uid " + std::to_string(file.uid));
    if ((file.mode & 04000) && file.uid == 0) root_owned_setuid = true;
  }
  f.evidence = std::to_string(scan.scanned) + " entries scanned on the root file system" +
               (scan.unreadable ? ", " + std::to_string(scan.unreadable) + " not readable" : "") +
               (listed.empty() ? std::string() : "; " + join(listed, 8));
  if (scan.files.empty()) {
    f.summary = "no setuid or setgid program this user can run";
    return f;
  }
  f.status = root_owned_setuid && !no_new_privs ? FindingStatus::kFail : FindingStatus::kWarn;
  f.summary =
      std::to_string(scan.files.size()) + " setuid/setgid program(s) this user can run" +
      (f.status == FindingStatus::kFail ? ", setuid root with no_new_privs off" : std::string());
  f.remedy = "remove the bits in the image (chmod u-s,g-s) or turn no_new_privs on";
  return f;
}

Finding assess_sudo(const SudoFacts& s, bool no_new_privs) {
  Finding f{"sudo", FindingStatus::kPass, "", "", ""};
  std::vector<std::string> evidence;
  if (!s.programs.empty()) evidence.push_back("programs: " + join(s.programs));
  if (!s.passwordless_rule.empty()) evidence.push_back("rule at " + s.passwordless_rule);
  if (!s.unreadable.empty()) evidence.push_back("unreadable: " + join(s.unreadable));
  f.evidence = evidence.empty() ? "no sudo or doas program or configuration" : join(evidence);
  if (!s.passwordless_rule.empty()) {
    f.status = no_new_privs ? FindingStatus::kWarn : FindingStatus::kFail;
    f.summary = "a rule lets this user run anything as root without a password" +
                std::string(no_new_privs ? " (blocked while no_new_privs is on)" : "");
    f.remedy = "remove the NOPASSWD/nopass rule, or sudo and doas themselves, from the image";
    return f;
  }
  if (!s.programs.empty()) {
    f.status = FindingStatus::kWarn;
    f.summary = "sudo or doas is installed";
    f.remedy = "remove sudo/doas from the image; unroot drops privileges without them";
    return f;
  }
  f.summary = "no sudo or doas";
  return f;
}

Finding assess_writable_sensitive(const std::vector<std::string>& writable) {
  Finding f{"writable_sensitive", FindingStatus::kPass, "", "", ""};
  if (writable.empty()) {
    f.summary = "account files, sudoers, PATH and PID 1's program are not writable";
    f.evidence = "checked with the effective ids and capabilities";
    return f;
  }
  f.status = FindingStatus::kFail;
  f.summary = "this user can write " + join(writable, 4);
  f.evidence = "writable: " + join(writable, 20);
  f.remedy =
      "keep these root-owned and not group/world-writable (or the root file system read-only)";
  return f;
}

CapabilitySet dangerous_capabilities() {
  CapabilitySet set;
  for (int cap : {CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_SETUID,
                  CAP_SETGID, CAP_SETPCAP, CAP_SETFCAP, CAP_SYS_ADMIN, CAP_SYS_PTRACE,
                  CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_BOOT, CAP_NET_ADMIN, CAP_MAC_ADMIN,
                  CAP_MAC_OVERRIDE, CAP_BPF, CAP_PERFMON, CAP_LINUX_IMMUTABLE}) {
    set.add(cap);
  }
  return set;
}

std::vector<Finding> assess(const AuditFacts& facts) {
  const ProcessStatus& s = facts.status;
  std::vector<Finding> findings = {identity_root(facts),
                                   identity_groups(facts),
                                   capabilities(facts, "caps.effective", "CapEff", s.effective),
                                   capabilities(facts, "caps.permitted", "CapPrm", s.permitted),
                                   capabilities(facts, "caps.bounding", "CapBnd", s.bounding),
                                   capabilities(facts, "caps.ambient", "CapAmb", s.ambient),
                                   capabilities(facts, "caps.inheritable", "CapInh", s.inheritable),
                                   no_new_privs(facts),
                                   seccomp(facts),
                                   lsm(facts),
                                   privileged(facts),
                                   assess_setuid_files(facts.setuid, s.no_new_privs),
                                   assess_sudo(facts.sudo, s.no_new_privs),
                                   assess_writable_sensitive(facts.writable_sensitive),
                                   runtime_socket(facts),
                                   writes(facts)};
  for (const SyscallGroupInfo& info : kSyscallGroups) {
    findings.push_back(assess_kernel_group(facts.kernel_surface, info));
  }
  return findings;
}

}  // namespace unroot
