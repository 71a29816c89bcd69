#include "image/image_audit.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <optional>

#include "audit/assess.h"
#include "audit/gather.h"
#include "audit/sudo_config.h"
#include "base/split.h"
#include "identity/account_db.h"
#include "identity/user_spec.h"
#include "lint/startup.h"
#include "privilege/capability_set.h"
#include "privilege/syscall_filter.h"

namespace unroot::image {
namespace {

using lint::Severity;
using Type = TarEntry::Type;

// A constant table, not a vector: nothing runs at start for it, in every verb.
constexpr lint::RuleInfo kCatalog[] = {
    {"identity.root", "RunsAsRoot", Severity::kError, "the container runs its application as root",
     "drop in the entrypoint (ENTRYPOINT [\"unroot\", \"init\", \"--user\", \"app\", \"--\"]) or "
     "set "
     "USER to an unprivileged user",
     "The image starts as root (Config.User empty, root, or a name with uid 0) and nothing on the "
     "way from its ENTRYPOINT and CMD to the application drops privileges, followed as "
     "`unroot lint` follows it, but through the image's real scripts. A warning when whether it "
     "drops cannot be decided (a condition on run-time input, a script too large to read)."},
    {"entrypoint.drop", "EntrypointDrop", Severity::kInfo,
     "the entrypoint drops privileges, and to whom",
     "nothing, when the target user is the one meant; start the image as root when it drops",
     "The image starts as root and its entrypoint drops to an unprivileged user on the way to the "
     "application (unroot, gosu, su-exec, setpriv, runuser, s6-setuidgid, ...): reported as info "
     "with the tool and the user. An error when the image starts as a user that is not root and "
     "the entrypoint still drops without asking whether it runs as root: the drop fails."},
    {"entrypoint.kernel_surface", "KernelSurface", Severity::kWarning,
     "whether the entrypoint applies unroot's kernel-surface profile",
     "drop through unroot 0.2.0 or later (exec or init) without --allow-escalation",
     "unroot's drop (0.2.0 and later) refuses the system calls most container escapes go "
     "through: new user namespaces, keyrings, bpf, userfaultfd, perf events, io_uring, ptrace "
     "and unusual personalities, on any engine. Reported as info with the groups lifted "
     "(--allow, UNROOT_ALLOW in the image's ENV); a warning when the application gets there "
     "without it (another drop tool, an older unroot, --allow-escalation): then only the "
     "engine's seccomp profile stands in the way, and Kubernetes runs pods Unconfined unless "
     "they ask. An error when UNROOT_ALLOW names a group unroot does not know: the start fails."},
    {"entrypoint.writes", "DeclaredWrites", Severity::kWarning,
     "whether the entrypoint's unroot fences writes (--write)",
     "declare the application's data directories with --write PATH",
     "With --write PATH (or UNROOT_WRITE in the image's ENV) unroot lets the application create, "
     "change and remove files only beneath the declared paths, /tmp and the usual devices "
     "(Landlock). Reported as info, with the paths; a warning for a declared path the image does "
     "not have, since the start fails unless something creates it first."},
    {"user.missing", "UserMissing", Severity::kError,
     "the user the image starts as, or drops to, is not in its /etc/passwd",
     "create the user in the image (useradd) or use numeric ids",
     "Config.User, or the user the entrypoint drops to, names a user or group that the image's "
     "own /etc/passwd and /etc/group do not have: the engine refuses to start the container, or "
     "the drop fails at start."},
    {"user.uid0_alias", "UidZeroAlias", Severity::kError, "an account other than root has uid 0",
     "give the account its own uid (usermod -u) or remove it",
     "A line of the image's /etc/passwd gives uid 0 to a name other than root: whoever runs as "
     "that "
     "name is root, under a name that does not say so."},
    {"user.home", "HomeMissing", Severity::kWarning,
     "the application user's home directory is not in the image",
     "create it (useradd -m, or mkdir and chown), or set the home to a directory that exists",
     "The user the application runs as has a home in /etc/passwd that the image does not have, "
     "or that is not a directory: programs that write to ~ fail (unroot then uses a private "
     "directory under $TMPDIR)."},
    {"user.shell", "ShellMissing", Severity::kInfo,
     "the application user's login shell is not in the image",
     "set the shell to one the image has, or to /usr/sbin/nologin",
     "The user the application runs as has a login shell in /etc/passwd that the image does not "
     "have."},
    {"setuid_files", "SetuidFiles", Severity::kWarning,
     "a setuid or setgid program the application's user can run",
     "remove the bits in the image (chmod u-s,g-s) or drop through unroot (no_new_privs)",
     "A setuid or setgid program that the user the application runs as may execute, as `unroot "
     "check` reports it from inside: an error when it is setuid root and the drop does not set "
     "no_new_privs (only unroot's does), a warning otherwise. A setuid file a later layer removes "
     "is not in the image and not reported."},
    {"file_caps", "FileCapabilities", Severity::kWarning, "a program with file capabilities",
     "remove them (setcap -r) or drop through unroot (no_new_privs)",
     "A file with the security.capability extended attribute in its layer: executing it raises "
     "those capabilities unless no_new_privs is on. An error for a capability `unroot check` "
     "calls dangerous when the drop does not set no_new_privs."},
    {"world_writable", "WorldWritable", Severity::kWarning,
     "a world-writable file or directory outside the scratch places",
     "chmod o-w, or keep such data under /tmp or a volume",
     "Every user may write it: outside /tmp, /var/tmp, /dev/shm and /run/lock that lets any "
     "process in the container change what others read or run."},
    {"writable_sensitive", "WritableSensitive", Severity::kError,
     "the application's user can write account files, sudoers, PATH or PID 1's program",
     "keep these root-owned and not group/world-writable",
     "As `unroot check` reports it from inside: /etc, /etc/passwd, /etc/shadow, /etc/group, "
     "/etc/gshadow, /etc/sudoers, /etc/sudoers.d, /etc/doas.conf, a directory of the image's PATH "
     "or the program the container starts, writable by the user the application runs as."},
    {"app_writable", "ApplicationWritable", Severity::kWarning,
     "the application's user can rewrite the application",
     "keep the application root-owned (COPY without --chown) and give the user only its data "
     "directories",
     "A file ENTRYPOINT or CMD runs (a program, an entrypoint script, an interpreter's script) "
     "that "
     "the user the application runs as may write, or replace through its directory: a compromised "
     "application makes itself permanent."},
    {"sudo", "Sudo", Severity::kError, "sudo or doas can make the application's user root",
     "remove the NOPASSWD/nopass rule, or sudo and doas themselves, from the image",
     "As `unroot check` reports it from inside, read from the image's /etc/sudoers (with its "
     "includes) and doas.conf: an error when a rule lets the application's user run everything as "
     "root without a password and the drop does not set no_new_privs; a warning when only "
     "no_new_privs blocks it, or when sudo or doas is installed."},
    {"unroot", "Unroot", Severity::kInfo, "unroot in the image: its version and its role",
     "nothing",
     "Each file called unroot, with the version line it prints, and whether the container "
     "starts it."},
    {"audit.incomplete", "AuditIncomplete", Severity::kWarning, "files the audit could not read",
     "audit a smaller image, or report the case",
     "Scripts and configuration files are read up to a total budget; past it their contents are "
     "unknown, and what depends on them is reported as undecided."},
};

// The image as lint's start-up walk sees a build stage: its real scripts and
// links, its ENTRYPOINT, CMD, ENV and WORKDIR, and nothing from a base image.
lint::Stage stage_of(const Image& image) {
  const ImageConfig& config = image.config;
  lint::Stage stage;
  stage.scratch = true;
  stage.accounts_known = true;
  stage.entrypoint = {config.entrypoint, 0, true};
  stage.cmd = {config.cmd, 0, true};
  if (!config.workdir.empty()) stage.workdir = config.workdir;
  lint::Step step;
  for (const std::string& pair : config.env) {
    size_t equals = pair.find('=');
    if (equals == std::string::npos) continue;
    step.variables[pair.substr(0, equals)] = pair.substr(equals + 1);
    if (pair.compare(0, equals, "PATH") == 0) stage.path = pair.substr(equals + 1);
  }
  stage.steps.push_back(std::move(step));
  stage.final_user.user = config.user.substr(0, config.user.find(':'));
  bool unread = image.budget.dropped > 0;
  for (const auto& [path, node] : image.view.nodes()) {
    if (node.type == Type::kSymlink) {
      stage.files.add_link(path, image.view.extras(node).link, 0);
    } else if (node.type == Type::kFile && image.view.extras(node).text) {
      stage.files.add_file(path, image.view.extras(node).text, "", 0);
    } else if (node.type == Type::kFile && unread && (node.mode & 0111)) {
      stage.files.add_file(path, std::nullopt, "", 0);
    }
  }
  return stage;
}

// Permission as the kernel decides it for a process with these ids and no
// capabilities: the owner's bits for the owner, else the group's, else the others'.
bool may(const ImageNode& node, const Identity& who, unsigned bit) {
  if (who.uid == 0) return bit != 1 || (node.mode & 0111) || node.type == Type::kDirectory;
  if (node.uid == who.uid) return node.mode & (bit << 6);
  if (std::find(who.groups.begin(), who.groups.end(), node.gid) != who.groups.end()) {
    return node.mode & (bit << 3);
  }
  return node.mode & bit;
}

// The permitted and inheritable capabilities of a vfs_cap_data value.
std::optional<uint64_t> file_capabilities(std::string_view raw) {
  auto le32 = [&raw](size_t at) {
    uint32_t value = 0;
    for (size_t i = 0; i < 4; ++i)
      value |= uint32_t{static_cast<unsigned char>(raw[at + i])} << (8 * i);
    return value;
  };
  if (raw.size() < 4) return std::nullopt;
  uint32_t revision = le32(0) & 0xFF000000u;
  size_t words = revision == 0x01000000u                                ? 1
                 : (revision == 0x02000000u || revision == 0x03000000u) ? 2
                                                                        : 0;
  if (words == 0 || raw.size() < 4 + 8 * words) return std::nullopt;
  uint64_t bits = uint64_t{le32(4)} | le32(8);
  if (words == 2) bits |= (uint64_t{le32(12)} | le32(16)) << 32;
  return bits;
}

// Whether an unroot version line ("unroot 0.2.0 (1a2b3c4d5e6f, amd64)") names
// a release that carries the kernel-surface profile (0.2.0 and later).
bool has_kernel_surface_profile(std::string_view version) {
  std::string_view rest = version.substr(version.find(' ') + 1);
  unsigned parts[2] = {};
  for (unsigned& part : parts) {
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), part);
    if (ec != std::errc()) return true;  // not a release number: a newer scheme
    rest = rest.substr(static_cast<size_t>(end - rest.data()));
    if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
  }
  return parts[0] > 0 || parts[1] >= 2;
}

// What the entrypoint asks of unroot's drop, as unroot reads it: its options
// before `--` and the UNROOT_ALLOW and UNROOT_WRITE of the image's ENV.
struct UnrootAsked {
  bool escalation = false;
  std::string allow;                ///< every --allow value, then UNROOT_ALLOW's, comma-separated
  std::string lifted_by;            ///< "--allow", "UNROOT_ALLOW", or both
  std::vector<std::string> writes;  ///< every --write path, then UNROOT_WRITE's
};

UnrootAsked unroot_asked(const std::vector<std::string>& words,
                         const std::vector<std::string>& env) {
  UnrootAsked asked;
  auto allow = [&asked](std::string_view list) {
    if (list.empty()) return;
    if (!asked.allow.empty()) asked.allow += ',';
    asked.allow.append(list);
  };
  for (size_t i = 0; i < words.size() && words[i] != "--"; ++i) {
    std::string_view word = words[i];
    asked.escalation = asked.escalation || word == "--allow-escalation";
    const bool next = i + 1 < words.size();
    if ((word == "--allow" && next) || word.rfind("--allow=", 0) == 0) {
      allow(word.size() > 8 ? word.substr(8) : std::string_view(words[++i]));
      asked.lifted_by = "--allow";
    } else if ((word == "--write" && next) || word.rfind("--write=", 0) == 0) {
      asked.writes.emplace_back(word.size() > 8 ? word.substr(8) : std::string_view(words[++i]));
    }
  }
  for (std::string_view pair : env) {
    if (pair.rfind("UNROOT_ALLOW=", 0) == 0) {
      allow(pair.substr(13));
      asked.lifted_by = asked.lifted_by.empty() ? "UNROOT_ALLOW" : "--allow and UNROOT_ALLOW";
    } else if (pair.rfind("UNROOT_WRITE=", 0) == 0) {
      for (std::string_view path : split_list(pair.substr(13), ':'))
        asked.writes.emplace_back(path);
    }
  }
  return asked;
}

// Text made of `parts`, in one allocation: messages built in loops over the image.
std::string text_of(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

std::string octal(unsigned mode) {
  std::string out;
  for (int shift = 9; shift >= 0; shift -= 3) out += static_cast<char>('0' + ((mode >> shift) & 7));
  return out;
}

Severity severity_of(FindingStatus status) {
  return status == FindingStatus::kFail ? Severity::kError : Severity::kWarning;
}

bool is_scratch_place(const std::string& path) {
  for (const char* place : {"/tmp", "/var/tmp", "/dev/shm", "/run/lock"}) {
    std::string_view p = place;
    if (path.compare(0, p.size(), p) == 0 && (path.size() == p.size() || path[p.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// The image's files as `check`'s sudo reading asks for them, links followed.
class ViewFiles : public ConfigFiles {
 public:
  explicit ViewFiles(const ImageView& view) : view_(view) {}
  Result<std::optional<std::string>> read(const std::string& path) const override {
    const ImageNode* node = at(path);
    if (!node) return std::optional<std::string>();
    const std::optional<std::string>& text = view_.extras(*node).text;
    if (node->type != Type::kFile || !text) {
      return Error{"reading " + path, "its contents were not kept", ""};
    }
    return std::optional<std::string>(*text);
  }
  Result<std::optional<std::vector<std::string>>> list(const std::string& path) const override {
    auto resolved = view_.resolve(path);
    if (!resolved) return std::optional<std::vector<std::string>>();
    return std::optional<std::vector<std::string>>(view_.list(*resolved));
  }
  std::optional<std::string> regular_file(const std::string& path) const override {
    auto resolved = view_.resolve(path);
    const ImageNode* node = resolved ? view_.find(*resolved) : nullptr;
    if (!node || node->type != Type::kFile) return std::nullopt;
    return resolved;
  }

 private:
  const ImageNode* at(const std::string& path) const {
    auto resolved = view_.resolve(path);
    return resolved ? view_.find(*resolved) : nullptr;
  }
  const ImageView& view_;
};

// The file `program` names, as execve and Docker find it: a path with a
// slash from WORKDIR, a bare name in PATH; the path with links followed.
std::optional<std::string> find_program(const ImageView& view, const lint::Stage& stage,
                                        const std::string& program) {
  auto regular = [&view](const std::string& path) -> std::optional<std::string> {
    auto resolved = view.resolve(path);
    const ImageNode* node = resolved ? view.find(*resolved) : nullptr;
    if (node && node->type == Type::kFile) return resolved;
    return std::nullopt;
  };
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string::npos) {
    return regular(program.front() == '/' ? program : stage.workdir + "/" + program);
  }
  std::string_view dirs = stage.path;
  while (true) {
    size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (!dir.empty() && dir.front() == '/') {
      if (auto found = regular(text_of({dir, "/", program}))) return found;
    }
    if (colon == std::string_view::npos) return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

int line_of_account(std::string_view text, const std::string& name) {
  int line = 1;
  std::string prefix = name + ":";
  while (!text.empty()) {
    if (text.substr(0, prefix.size()) == prefix) return line;
    size_t eol = text.find('\n');
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
    ++line;
  }
  return 0;
}

// One audit: what the image is, then each group of findings in turn.
class ImageAuditor {
 public:
  explicit ImageAuditor(const Image& image) : image_(image), view_(image.view) {
    passwd_path_ = view_.resolve("/etc/passwd").value_or("/etc/passwd");
    passwd_ = text("/etc/passwd");
    std::optional<std::string> group = text("/etc/group");
    accounts_unread_ = (!passwd_ && at("/etc/passwd")) || (!group && at("/etc/group"));
    db_ = AccountDb::parse(passwd_.value_or(""), group.value_or(""));
    model_.stages.push_back(stage_of(image));
    started_ = lint::startup_of(stage());
    drop_ = lint::entrypoint_drop(model_, stage(), started_);
    const ImageConfig& config = image.config;
    const std::vector<std::string>& first =
        config.entrypoint.empty() ? config.cmd : config.entrypoint;
    if (!first.empty()) pid1_ = find_program(view_, stage(), first[0]);
    // Only unroot's drop turns no_new_privs on; gosu & co. leave setuid
    // programs working, unless the gosu the entrypoint runs is unroot itself.
    if (drop_.kind == lint::DropVerdict::Kind::kDrops) {
      drop_program_ = find_program(view_, stage(), drop_.tool.substr(0, drop_.tool.find(' ')));
      const ImageNode* program = drop_program_ ? view_.find(*drop_program_) : nullptr;
      no_new_privs_ = drop_.tool.rfind("unroot", 0) == 0 ||
                      (program && !view_.extras(*program).unroot_version.empty());
    }
  }

  std::vector<AuditFinding> run() {
    identities();
    kernel_surface();
    declared_writes();
    accounts();
    files();
    writable();
    sudo();
    unroot_files();
    if (image_.budget.dropped > 0 || accounts_unread_) {
      add("audit.incomplete", Severity::kWarning,
          std::to_string(image_.budget.dropped) + " script or configuration file(s) were not read" +
              (accounts_unread_ ? ", the account files among them" : ""),
          "audit a smaller image, or report the case");
    }
    auto rank = [](const std::string& id) {
      return std::find_if(std::begin(kCatalog), std::end(kCatalog),
                          [&](const lint::RuleInfo& rule) { return rule.id == id; }) -
             std::begin(kCatalog);
    };
    std::stable_sort(
        findings_.begin(), findings_.end(),
        [&](const AuditFinding& x, const AuditFinding& y) { return rank(x.id) < rank(y.id); });
    return std::move(findings_);
  }

 private:
  const lint::Stage& stage() const { return model_.stages.front(); }

  void add(std::string id, Severity severity, std::string message, std::string remedy,
           const std::string& path = "", int line = 0) {
    AuditFinding f{std::move(id), severity, std::move(message), std::move(remedy), path, line, ""};
    const ImageNode* node = path.empty() ? nullptr : view_.find(path);
    if (node && node->layer >= 0 && static_cast<size_t>(node->layer) < image_.layers.size()) {
      f.layer = image_.layers[static_cast<size_t>(node->layer)];
    }
    findings_.push_back(std::move(f));
  }

  const ImageNode* at(const std::string& path) const {
    auto resolved = view_.resolve(path);
    return resolved ? view_.find(*resolved) : nullptr;
  }

  std::optional<std::string> text(const std::string& path) const {
    const ImageNode* node = at(path);
    if (!node || node->type != Type::kFile) return std::nullopt;
    return view_.extras(*node).text;
  }

  // Who the container starts as (Config.User), what the entrypoint does with
  // it, and so who the application ends up as.
  void identities() {
    const std::string& spec = image_.config.user;
    std::optional<Identity> start;
    if (auto resolved = resolve_user_spec(spec, db_, Caller{0, 0})) {
      start = *resolved;
    } else if (!accounts_unread_) {
      add("user.missing", Severity::kError,
          "the image starts as '" + spec +
              "', which its /etc/passwd or /etc/group does not have: " + resolved.error().why +
              "; the engine refuses to start it",
          "create the user in the image (useradd) or use numeric ids", passwd_path_);
    }
    if (!start) return;
    std::string start_label = spec.empty() ? "root (no USER)" : "'" + spec + "'";
    if (start->uid != 0) {
      runtime_ = start;
      runtime_label_ = spec;
      std::vector<lint::SimpleCommand> commands;
      for (const auto& command : started_.commands) commands.push_back(command.command);
      if (drop_.kind == lint::DropVerdict::Kind::kDrops && !lint::tests_for_root(commands)) {
        add("entrypoint.drop", Severity::kError,
            "the entrypoint drops to '" + drop_.user + "' with " + drop_.tool +
                ", but the image starts as " + start_label + " (uid " + std::to_string(start->uid) +
                "): the drop fails",
            "keep USER root and let the entrypoint drop, or remove the drop");
      }
      return;
    }
    if (drop_.kind == lint::DropVerdict::Kind::kUndecided) {
      add("identity.root", Severity::kWarning,
          "starts as " + start_label +
              ", and whether the application runs as root is unknown: " + drop_.reason,
          std::string(kCatalog[0].remedy));
      return;
    }
    if (drop_.kind == lint::DropVerdict::Kind::kNone) {
      add("identity.root", Severity::kError,
          "runs the application as root: starts as " + start_label + " and " + drop_.reason,
          std::string(kCatalog[0].remedy));
      runtime_ = start;
      runtime_label_ = "root";
      return;
    }
    add("entrypoint.drop", Severity::kInfo,
        "starts as " + start_label + " and the entrypoint drops to " +
            (drop_.user.empty() ? std::string("a user it does not name") : "'" + drop_.user + "'") +
            " with " + drop_.tool,
        "nothing, when that is the user meant");
    // A target held in a variable is named at run time: the user-dependent
    // findings then have no user to judge for.
    if (drop_.user.empty() || drop_.user.find('$') != std::string::npos) return;
    if (auto target = resolve_user_spec(drop_.user, db_, Caller{0, 0})) {
      runtime_ = *target;
      runtime_label_ = drop_.user;
    } else if (!accounts_unread_) {
      add("user.missing", Severity::kError,
          "the entrypoint drops to '" + drop_.user +
              "', which the image's /etc/passwd or /etc/group does not have: " +
              target.error().why + "; the drop fails at start",
          "create the user in the image (useradd) or drop to numeric ids", passwd_path_);
    }
  }

  // Whether the way to the application goes through unroot's filter, and
  // what it lifts. Only for an application that does not run as root:
  // identity.root already says the rest.
  void kernel_surface() {
    if (!runtime_ || runtime_->uid == 0) return;
    const std::string id = "entrypoint.kernel_surface", remedy(kCatalog[2].remedy);
    constexpr std::string_view kOpen =
        ": user namespaces, keyrings, bpf, userfaultfd, perf events, io_uring and ptrace reach "
        "the kernel unless the engine's seccomp profile refuses them";
    if (drop_.kind != lint::DropVerdict::Kind::kDrops) {
      add(id, Severity::kWarning,
          text_of(
              {"nothing on the way to the application applies a kernel-surface profile", kOpen}),
          remedy);
      return;
    }
    if (!no_new_privs_) {
      add(id, Severity::kWarning,
          text_of(
              {"the entrypoint drops with ", drop_.tool, ", which filters no system call", kOpen}),
          remedy);
      return;
    }
    const ImageNode* program = drop_program_ ? view_.find(*drop_program_) : nullptr;
    std::string_view version;
    if (program) version = view_.extras(*program).unroot_version;
    if (!version.empty() && !has_kernel_surface_profile(version)) {
      add(id, Severity::kWarning,
          text_of({"the entrypoint drops through ", version.substr(0, version.find(" (")),
                   ", which predates the kernel-surface profile", kOpen}),
          remedy, *drop_program_);
      return;
    }
    const UnrootAsked asked = unroot_asked(drop_.words, image_.config.env);
    if (asked.escalation) {
      add(id, Severity::kWarning,
          text_of({"the entrypoint runs unroot with --allow-escalation, which loads no "
                   "kernel-surface profile",
                   kOpen}),
          "drop --allow-escalation; lift single groups with --allow GROUP instead");
      return;
    }
    auto allowed = parse_syscall_group_list(asked.allow);
    if (!allowed) {
      add(id, Severity::kError,
          text_of({"the entrypoint's unroot is asked (", asked.lifted_by, ") to lift an ",
                   allowed.error().what, ": the container does not start"}),
          "name only known groups in --allow and UNROOT_ALLOW");
    } else if (allowed->empty()) {
      add(id, Severity::kInfo,
          "the entrypoint's unroot refuses every group of the kernel-surface profile", "nothing");
    } else {
      add(id, Severity::kInfo,
          text_of({"the entrypoint's unroot refuses ", allowed->complement().to_string(),
                   " and lifts ", allowed->to_string(), " (", asked.lifted_by, ")"}),
          "lift only what the application needs");
    }
  }

  // What the entrypoint's unroot lets the application write (--write,
  // UNROOT_WRITE in ENV), for an application that unroot drops.
  void declared_writes() {
    if (!runtime_ || runtime_->uid == 0 || drop_.kind != lint::DropVerdict::Kind::kDrops ||
        !no_new_privs_) {
      return;
    }
    const std::string id = "entrypoint.writes";
    const std::vector<std::string> paths = unroot_asked(drop_.words, image_.config.env).writes;
    if (paths.empty()) {
      add(id, Severity::kInfo,
          "the entrypoint's unroot does not fence writes: the application writes wherever file "
          "permissions let it",
          std::string(kCatalog[3].remedy));
      return;
    }
    std::string listed;
    for (const std::string& path : paths) {
      listed.append(listed.empty() ? "" : ", ").append(path);
      if (!view_.resolve(path)) {
        add(id, Severity::kWarning,
            text_of({"the entrypoint's unroot fences writes to ", path,
                     ", which the image does not have: the start fails unless something creates "
                     "it first"}),
            "create it in the image (mkdir, chown to the application's user)", path);
      }
    }
    add(id, Severity::kInfo,
        text_of(
            {"the entrypoint's unroot fences writes to ", listed, ", /tmp and the usual devices"}),
        "nothing");
  }

  void accounts() {
    std::string_view passwd = passwd_ ? std::string_view(*passwd_) : std::string_view();
    for (const PasswdEntry& user : db_.users()) {
      if (user.uid == 0 && user.name != "root") {
        add("user.uid0_alias", Severity::kError,
            "the account '" + user.name + "' has uid 0: it is root under another name",
            "give the account its own uid (usermod -u) or remove it", passwd_path_,
            line_of_account(passwd, user.name));
      }
    }
    const PasswdEntry* entry =
        runtime_ && runtime_->uid != 0 ? db_.user_by_uid(runtime_->uid) : nullptr;
    if (!entry) return;
    if (!entry->home.empty()) {
      const ImageNode* home = at(entry->home);
      if (!home || home->type != Type::kDirectory) {
        add("user.home", Severity::kWarning,
            "the home of '" + entry->name + "', " + entry->home + ", is not " +
                (home ? "a directory" : "in the image") + ": programs that write to ~ fail",
            "create it (useradd -m, or mkdir and chown) or point the home at a directory that "
            "exists",
            passwd_path_, line_of_account(passwd, entry->name));
      }
    }
    if (!entry->shell.empty() && !at(entry->shell)) {
      add("user.shell", Severity::kInfo,
          "the login shell of '" + entry->name + "', " + entry->shell + ", is not in the image",
          "set the shell to one the image has, or to /usr/sbin/nologin", passwd_path_,
          line_of_account(passwd, entry->name));
    }
  }

  // Setuid and setgid programs, file capabilities, world-writable paths.
  void files() {
    std::string application_user =
        runtime_ ? "the application's user (" + runtime_label_ + ")" : "any user";
    unsigned long world_writable = 0;
    for (const auto& [path, node] : view_.nodes()) {
      if (node.type == Type::kFile && (node.mode & 06000) &&
          (runtime_ ? may(node, *runtime_, 1) : (node.mode & 0111) != 0)) {
        // check's verdict, one file at a time, so that each is located.
        SetuidScan one;
        one.files.push_back({path, node.uid, node.gid, node.mode});
        one.scanned = 1;
        Finding judged = assess_setuid_files(one, no_new_privs_);
        std::string bits = (node.mode & 04000) ? "setuid" : "setgid";
        if ((node.mode & 06000) == 06000) bits = "setuid and setgid";
        add("setuid_files", severity_of(judged.status),
            text_of({path, " is ", bits, " (mode ", octal(node.mode), ", uid ",
                     std::to_string(node.uid), "), runnable by ", application_user,
                     judged.status == FindingStatus::kFail ? ", with no_new_privs off" : ""}),
            judged.remedy, path);
      }
      const EntryExtras& extras = view_.extras(node);
      if (node.type == Type::kFile && !extras.capability.empty()) {
        auto bits = file_capabilities(extras.capability);
        CapabilitySet caps(bits.value_or(0));
        bool dangerous = (caps.bits() & dangerous_capabilities().bits()) != 0;
        add("file_caps", dangerous && !no_new_privs_ ? Severity::kError : Severity::kWarning,
            text_of({path, " has file capabilities: ", bits ? caps.to_string() : "unreadable"}),
            "remove them (setcap -r) or drop through unroot (no_new_privs)", path);
      }
      bool default_device = node.type == Type::kCharDevice && path.rfind("/dev/", 0) == 0 &&
                            is_default_device(path.substr(5));
      // A list of thousands helps nobody: the first ones located, then a count.
      if (node.type != Type::kSymlink && (node.mode & 0002) && !is_scratch_place(path) &&
          !default_device && ++world_writable <= kListedWorldWritable) {
        add("world_writable", Severity::kWarning,
            text_of({path, " is world-writable (mode ", octal(node.mode), ")"}),
            "chmod o-w, or keep such data under /tmp or a volume", path);
      }
    }
    if (world_writable > kListedWorldWritable) {
      add("world_writable", Severity::kWarning,
          std::to_string(world_writable - kListedWorldWritable) + " more world-writable paths",
          "chmod o-w, or keep such data under /tmp or a volume");
    }
  }

  // What the application's user can write: check's sensitive paths, and the
  // files the container runs.
  void writable() {
    if (!runtime_) return;
    if (runtime_->uid == 0) {
      add("writable_sensitive", Severity::kError,
          "root can write every account file, sudoers, the PATH and PID 1's program",
          assess_writable_sensitive({"/etc"}).remedy);
      return;
    }
    std::string who = "'" + runtime_label_ + "'";
    std::vector<std::string> sensitive = {"/etc",           "/etc/passwd",   "/etc/shadow",
                                          "/etc/group",     "/etc/gshadow",  "/etc/sudoers",
                                          "/etc/sudoers.d", "/etc/doas.conf"};
    std::string_view dirs = stage().path;
    while (!dirs.empty()) {
      size_t colon = dirs.find(':');
      std::string dir(dirs.substr(0, colon));
      dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
      if (!dir.empty() && dir.front() == '/') sensitive.push_back(dir);
    }
    if (pid1_) sensitive.push_back(*pid1_);
    std::vector<std::string> writable;
    for (const std::string& path : sensitive) {
      auto resolved = view_.resolve(path);
      const ImageNode* node = resolved ? view_.find(*resolved) : nullptr;
      if (node && may(*node, *runtime_, 2) &&
          std::find(writable.begin(), writable.end(), *resolved) == writable.end()) {
        writable.push_back(*resolved);
      }
    }
    for (const std::string& path : writable) {
      add("writable_sensitive", Severity::kError, text_of({who, " can write ", path}),
          assess_writable_sensitive({path}).remedy, path);
    }
    for (const std::string& file : lint::application_files(stage(), started_)) {
      auto path = find_program(view_, stage(), file);
      if (!path || std::find(writable.begin(), writable.end(), *path) != writable.end()) continue;
      const ImageNode* node = view_.find(*path);
      const ImageNode* dir = view_.find(path->substr(0, std::max<size_t>(path->rfind('/'), 1)));
      bool replaceable = dir && may(*dir, *runtime_, 2) && !(dir->mode & 01000);
      if (node && (may(*node, *runtime_, 2) || replaceable)) {
        add("app_writable", Severity::kWarning,
            text_of(
                {who, " runs ", *path, " and can ",
                 may(*node, *runtime_, 2) ? "write it" : "replace it (its directory is writable)"}),
            "keep the application root-owned (COPY without --chown) and give the user only its "
            "data directories",
            *path);
      }
    }
  }

  // sudo and doas, read and judged as check reads and judges them.
  void sudo() {
    if (!runtime_) return;
    SudoSubject subject;
    subject.uid = runtime_->uid;
    if (const PasswdEntry* user = db_.user_by_uid(runtime_->uid)) subject.name = user->name;
    for (uint32_t gid : runtime_->groups) {
      subject.gids.push_back(gid);
      if (const GroupEntry* g = db_.group_by_gid(gid)) subject.group_names.push_back(g->name);
    }
    SudoFacts facts = inspect_sudo_config(ViewFiles(view_), subject);
    Finding judged = assess_sudo(facts, no_new_privs_);
    if (judged.status != FindingStatus::kFail && judged.status != FindingStatus::kWarn) return;
    std::string path;
    int line = 0;
    if (!facts.passwordless_rule.empty()) {
      size_t colon = facts.passwordless_rule.rfind(':');
      path = facts.passwordless_rule.substr(0, colon);
      std::string_view number = std::string_view(facts.passwordless_rule).substr(colon + 1);
      std::from_chars(number.data(), number.data() + number.size(), line);
    } else if (!facts.programs.empty()) {
      path = facts.programs.front();
    }
    std::string message = judged.summary;
    size_t at = message.find("this user");
    if (at != std::string::npos) message.replace(at, 9, "'" + runtime_label_ + "'");
    add("sudo", severity_of(judged.status), message + " (" + judged.evidence + ")", judged.remedy,
        view_.resolve(path).value_or(path), line);
  }

  void unroot_files() {
    for (const auto& [path, node] : view_.nodes()) {
      const std::string& version = view_.extras(node).unroot_version;
      if (version.empty()) continue;
      std::string role = pid1_ && *pid1_ == path ? "the container starts it"
                         : drop_program_ && *drop_program_ == path
                             ? "the entrypoint drops through it, as " + drop_.tool
                             : "the container's start does not run it";
      add("unroot", Severity::kInfo, text_of({version, " at ", path, ": ", role}), "nothing", path);
    }
  }

  static constexpr unsigned long kListedWorldWritable = 20;

  const Image& image_;
  const ImageView& view_;
  std::string passwd_path_;
  std::optional<std::string> passwd_;
  bool accounts_unread_ = false;
  AccountDb db_;
  lint::BuildModel model_;
  lint::Startup started_;
  lint::DropVerdict drop_;
  std::optional<std::string> pid1_;
  std::optional<std::string> drop_program_;
  bool no_new_privs_ = false;
  std::optional<Identity> runtime_;
  std::string runtime_label_;
  std::vector<AuditFinding> findings_;
};

}  // namespace

std::span<const lint::RuleInfo> audit_catalog() { return kCatalog; }

std::vector<AuditFinding> audit_image(const Image& image) { return ImageAuditor(image).run(); }

}  // namespace unroot::image
