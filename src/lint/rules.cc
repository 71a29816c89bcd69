#include "lint/rules.h"

#include <algorithm>
#include <cctype>

#include "audit/sudo_rules.h"
#include "dockerfile/expand.h"
#include "identity/numeric_id.h"
#include "lint/startup.h"

namespace unroot::lint {
namespace {

using dockerfile::Instruction;
using dockerfile::Position;

const std::vector<RuleInfo> kRules = {
    {"UR001", "FinalStageRunsAsRoot", Severity::kError,
     "the final stage runs as root and its entrypoint does not drop privileges",
     "add USER with an unprivileged user, or drop in the entrypoint: ENTRYPOINT [\"unroot\", "
     "\"exec\", \"app\", \"--\"]",
     "A container runs as its image's final user. When that is root and nothing in the entrypoint "
     "(directly, or in an entrypoint script the build copies in, also when an init such as tini, "
     "dumb-init or catatonit or a shell such as bash starts it) switches to another user with "
     "unroot, gosu, su-exec, setpriv, chroot --userspec, runuser, s6-setuidgid, s6-applyuidgid, "
     "setuidgid, setuser, chpst -u, su -c, capsh --user, start-stop-daemon --chuid, or sudo -u / "
     "doas -u that execs the application, "
     "the application runs as root, the host's root unless the engine remaps users. Staying root "
     "on purpose and dropping in the entrypoint is fine: that is what this rule looks for. When "
     "the "
     "base image is unknown (no engine, or not pulled), Docker's default, root, is assumed and the "
     "message says so."},
    {"UR002", "UnknownUserOrGroup", Severity::kError, "a user or group that does not exist",
     "create it in the build (useradd/adduser, groupadd/addgroup) before it is used, or use a "
     "numeric id",
     "USER and --chown name users and groups that must exist in the image's /etc/passwd and "
     "/etc/group when the instruction runs, or the build or the container start fails (unable to "
     "find user). The rule knows the accounts this build creates (useradd, adduser, groupadd, "
     "addgroup in Debian and busybox syntax, passwd/group files written or copied in) and, when "
     "the "
     "engine knows the base image, the base image's own. With an unknown base image it says "
     "nothing about names it does not see created. Numeric ids are always accepted."},
    {"UR003", "RootCommandAsNonRoot", Severity::kError,
     "an instruction that needs root runs as a non-root user",
     "run it as root (USER root before it, your user after), or do it in the base image",
     "Package managers (apt, apt-get, apk, yum, dnf, microdnf, zypper, pacman, rpm and dpkg "
     "installs), the useradd family, chown, and writes under /etc, /usr, /var/lib, /opt, /bin, "
     "/sbin "
     "and /lib need root. After a USER switch to another user they fail the build. The user may "
     "come "
     "from this stage, from a parent stage (FROM <stage>), or from the base image: a derived image "
     "whose `RUN apt-get update` fails because its base switched to a non-root USER is the classic "
     "case. The message says where the user was set."},
    {"UR004", "SudoInImage", Severity::kWarning, "sudo or doas in the image",
     "remove sudo/doas; run privileged steps as root at build time and drop with unroot at start",
     "sudo or doas installed, used in RUN, or a NOPASSWD rule written keeps a way back to root "
     "inside the container. Build steps run as root already; the application should not need it."},
    {"UR005", "SetuidBitAdded", Severity::kWarning, "setuid or setgid bits added",
     "remove the bits (chmod u-s,g-s) or grant a file capability instead",
     "A setuid or setgid program runs with its owner's or group's rights: an escalation path "
     "unless "
     "no_new_privs is set. chmod u+s, g+s, +s, 4xxx, 2xxx and 6xxx modes, in RUN or COPY/ADD "
     "--chmod, are reported."},
    {"UR006", "SecondUidZeroAccount", Severity::kError, "a second account with uid 0",
     "give the account its own uid; use USER root (or unroot) where root is meant",
     "An account other than root with uid 0 (useradd -o -u 0, adduser -u 0, a passwd line with uid "
     "0 written or copied in) is root under another name: audits and `USER` checks that look for "
     "the name root miss it."},
    {"UR007", "WorldWritable", Severity::kWarning, "world-writable permissions",
     "grant write access to the owner or a group (chmod 755/775, chown) instead",
     "chmod 777, 666, o+w, a+w (or COPY/ADD --chmod with others' write bit) outside /tmp, "
     "/var/tmp, "
     "/dev/shm and /run/lock lets any user in the container, and any process that gets in, change "
     "those files."},
    {"UR008", "DropNeedsRootUser", Severity::kError,
     "the entrypoint drops privileges but the final user is not root",
     "keep the final USER root (or remove USER) and let the entrypoint drop",
     "gosu, su-exec, setpriv, chroot --userspec, runuser, s6-setuidgid, chpst -u and su -c need "
     "root "
     "to switch users; started as another user they fail. unroot started as another user keeps "
     "that "
     "identity, so the drop it was asked for does not happen. An entrypoint that first asks "
     "whether it runs as root ([ \"$(id -u)\" = 0 ], $EUID, $UID) drops only then, and is not "
     "reported."},
    {"UR009", "NonNumericUser", Severity::kInfo, "the final user is a name, not a numeric uid",
     "use the numeric uid: USER 10001 (or 10001:10001)",
     "Kubernetes' runAsNonRoot can verify only a numeric USER; with a name it refuses to start the "
     "pod (\"image has non-numeric user, cannot verify user is non-root\")."},
    {"UR010", "PasswordlessRoot", Severity::kError,
     "the final user can become root without a password",
     "remove the NOPASSWD (or nopass) rule; run what needs root at build time, or in the "
     "entrypoint before the drop",
     "A sudoers or doas.conf rule the build writes lets the final user run every command as root "
     "with no password: the user is root in all but name, and anything that gets code execution "
     "in the application gets root too (sudo is setuid root; only no_new_privs, as unroot exec "
     "sets it, stops it). UR004 reports sudo and doas in general; this is the rule that hands "
     "root to the user the container runs as."},
    {"UR011", "UseraddLogInit", Severity::kWarning,
     "useradd with a large uid and without -l (--no-log-init)",
     "add -l (--no-log-init) to useradd, or use a uid below 65536",
     "useradd from shadow before 4.13 (Debian 11, for one) records the new user in "
     "/var/log/lastlog and /var/log/faillog, files indexed by uid: on disk they stay sparse, but "
     "an image layer stores them whole, 324 bytes for every uid below the new one (uid 1000000 "
     "made a 324 MB layer on Debian 11). From uid 65536 on, this rule asks for -l, which leaves "
     "those logs alone; it costs nothing where useradd no longer writes them."},
    {"UR012", "ApplicationUserOwnsCode", Severity::kWarning,
     "the application's user can rewrite the application",
     "keep the code root-owned (COPY without --chown); give the user only its data directories "
     "(chown app /app/data)",
     "When the user the application runs as owns the files it runs (COPY --chown=app . /app, "
     "RUN chown -R app /app, or owns a directory above them), anything that gets code execution "
     "in the application can rewrite the application, or the entrypoint that root runs at the "
     "next start, and stay for good. The rule follows ENTRYPOINT and CMD to the files the build "
     "placed (programs, entrypoint scripts, an interpreter's script such as python app.py) and "
     "the user to the final USER or the entrypoint's drop."},
};

// The first uid that does not fit 16 bits: lastlog and faillog reach 21 MB there.
constexpr uint32_t kLargeUid = 65536;

bool is_number(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool under(const std::string& path, std::string_view dir) {
  return path == dir ||
         (starts_with(path, dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

bool is_tmp_like(const std::string& path) {
  return under(path, "/tmp") || under(path, "/var/tmp") || under(path, "/dev/shm") ||
         under(path, "/run/lock");
}

bool is_system_path(const std::string& path) {
  for (std::string_view dir : {"/etc", "/usr", "/var/lib", "/opt", "/bin", "/sbin", "/lib"}) {
    if (under(path, dir)) return true;
  }
  return false;
}

struct ModeBits {
  bool special = false;  // setuid or setgid
  bool world_writable = false;
};

// A chmod mode, numeric (755, 4755) or symbolic (u+s,o+w).
std::optional<ModeBits> parse_mode(std::string_view mode) {
  ModeBits bits;
  if (is_number(mode)) {
    if (mode.size() > 4 || mode.find_first_of("89") != std::string_view::npos) return std::nullopt;
    int value = 0;
    for (char c : mode) value = value * 8 + (c - '0');
    bits.special = (value & 06000) != 0;
    bits.world_writable = (value & 02) != 0;
    return bits;
  }
  size_t start = 0;
  bool any = false;
  while (start <= mode.size()) {
    size_t comma = mode.find(',', start);
    std::string_view clause = mode.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    size_t op = clause.find_first_of("+-=");
    if (op == std::string_view::npos) return std::nullopt;
    std::string_view who = clause.substr(0, op);
    if (who.find_first_not_of("ugoa") != std::string_view::npos) return std::nullopt;
    std::string_view perms = clause.substr(op + 1);
    if (perms.find_first_not_of("rwxXst+-=ugo") != std::string_view::npos) return std::nullopt;
    bool adds = clause[op] != '-';
    any = true;
    if (adds && perms.find('s') != std::string_view::npos &&
        who.find_first_of("ugoa") != std::string_view::npos) {
      bits.special = true;
    }
    if (adds && perms.find('s') != std::string_view::npos && who.empty()) bits.special = true;
    if (adds && perms.find('w') != std::string_view::npos &&
        who.find_first_of("oa") != std::string_view::npos) {
      bits.world_writable = true;
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!any) return std::nullopt;
  return bits;
}

const std::vector<std::string_view>& package_managers() {
  static const std::vector<std::string_view> kManagers = {"apt",    "apt-get",  "aptitude", "yum",
                                                          "dnf",    "microdnf", "zypper",   "apk",
                                                          "pacman", "dpkg",     "rpm"};
  return kManagers;
}

std::string joined(const std::string& program, const std::string& verb) {
  std::string out = program;
  out += ' ';
  out += verb;
  return out;
}

// The package-manager verb that changes the system, or "" for a query.
std::string changing_package_verb(const SimpleCommand& command) {
  std::string name = command.name();
  const std::vector<std::string>& args = command.arguments;
  auto first_word = [&]() -> std::string {
    for (const std::string& a : args) {
      if (!a.empty() && a[0] != '-') return a;
    }
    return "";
  };
  if (name == "apt" || name == "apt-get" || name == "aptitude") {
    std::string verb = first_word();
    static const char* const kChanging[] = {
        "install",    "update", "upgrade",   "dist-upgrade", "full-upgrade", "remove", "purge",
        "autoremove", "clean",  "autoclean", "build-dep",    "reinstall",    "satisfy"};
    for (const char* v : kChanging) {
      if (verb == v) return joined(name, verb);
    }
    return "";
  }
  if (name == "yum" || name == "dnf" || name == "microdnf" || name == "zypper") {
    std::string verb = first_word();
    static const char* const kChanging[] = {
        "install", "in",    "update",      "up",        "upgrade",      "remove",
        "rm",      "erase", "clean",       "makecache", "groupinstall", "reinstall",
        "refresh", "ref",   "distro-sync", "dup",       "autoremove"};
    for (const char* v : kChanging) {
      if (verb == v) return joined(name, verb);
    }
    return "";
  }
  if (name == "apk") {
    std::string verb = first_word();
    for (const char* v : {"add", "del", "update", "upgrade", "fix", "cache"}) {
      if (verb == v) return joined(name, verb);
    }
    return "";
  }
  for (const std::string& a : args) {
    if (name == "pacman" && a.size() > 1 && a[0] == '-' && a[1] != '-' &&
        std::string_view("SURD").find(a[1]) != std::string_view::npos) {
      return joined(name, a);
    }
    if (name == "dpkg" && (a == "-i" || a == "--install" || a == "-r" || a == "--remove" ||
                           a == "-P" || a == "--purge" || a == "--configure" || a == "--unpack")) {
      return joined(name, a);
    }
    if (name == "rpm" && a.size() > 1 && a[0] == '-' && a[1] != '-' &&
        std::string_view("iUFe").find(a[1]) != std::string_view::npos) {
      return joined(name, a);
    }
    if (name == "rpm" && (a == "--install" || a == "--upgrade" || a == "--erase")) {
      return joined(name, a);
    }
  }
  return "";
}

// Paths a command writes to, as far as its arguments tell.
std::vector<std::string> written_paths(const SimpleCommand& command) {
  std::vector<std::string> paths = command.writes;
  std::string name = command.name();
  std::vector<std::string> operands;
  for (const std::string& a : command.arguments) {
    if (!a.empty() && a[0] != '-') operands.push_back(a);
  }
  if (name == "tee" || name == "mkdir" || name == "touch" || name == "rm" || name == "rmdir") {
    paths.insert(paths.end(), operands.begin(), operands.end());
  } else if ((name == "cp" || name == "mv" || name == "ln" || name == "install") &&
             operands.size() >= 2) {
    paths.push_back(operands.back());
  } else if (name == "sed" &&
             std::any_of(command.arguments.begin(), command.arguments.end(),
                         [](const std::string& a) { return starts_with(a, "-i"); })) {
    if (operands.size() >= 2) paths.insert(paths.end(), operands.begin() + 1, operands.end());
  }
  return paths;
}

// Why `command` needs root, or "".
std::string needs_root(const SimpleCommand& command, const EffectiveUser& user) {
  std::string name = command.name();
  if (std::find(package_managers().begin(), package_managers().end(), name) !=
      package_managers().end()) {
    std::string verb = changing_package_verb(command);
    if (!verb.empty()) return "`" + verb + "`";
  }
  for (const char* tool : {"useradd", "usermod", "userdel", "groupadd", "groupmod", "groupdel",
                           "adduser", "addgroup", "deluser", "delgroup", "chpasswd"}) {
    if (name == tool) return "`" + name + "`";
  }
  if (name == "chown") {
    for (const std::string& a : command.arguments) {
      if (a.empty() || a[0] == '-') continue;
      std::string owner = a.substr(0, a.find_first_of(":."));
      if (owner != user.user) return "`chown " + a + "`";
      break;
    }
  }
  for (const std::string& path : written_paths(command)) {
    if (is_system_path(path)) return "writing " + path;
  }
  return "";
}

bool is_sudo_via(std::string_view via) {
  return starts_with(via, "sudo") || starts_with(via, "doas");
}

bool names_sudo(const std::string& package) {
  return package == "sudo" || package == "doas" || package == "opendoas";
}

bool targets_sudoers(const std::string& path) {
  return under(path, "/etc/sudoers") || under(path, "/etc/sudoers.d") || path == "/etc/doas.conf";
}

class RuleRunner {
 public:
  RuleRunner(const dockerfile::Dockerfile& file, const BuildModel& model)
      : file_(file), model_(model) {}

  std::vector<LintFinding> run() {
    for (const Stage& stage : model_.stages) {
      for (const Step& step : stage.steps) check_step(stage, step);
      check_accounts(stage);
    }
    if (!model_.stages.empty()) check_final(model_.stages.back());
    std::stable_sort(findings_.begin(), findings_.end(),
                     [](const LintFinding& a, const LintFinding& b) {
                       return a.position.line != b.position.line ? a.position.line < b.position.line
                                                                 : a.rule < b.rule;
                     });
    return std::move(findings_);
  }

 private:
  // `severity`: the rule's own unless given, as for a UR001 lint cannot decide.
  void add(std::string_view id, Position position, std::string message,
           std::optional<Severity> severity = std::nullopt) {
    const RuleInfo* rule = find_rule(id);
    for (const LintFinding& f : findings_) {
      if (f.rule == id && f.position == position && f.message == message) return;
    }
    findings_.push_back({std::string(id), severity.value_or(rule->severity), position,
                         std::move(message), std::string(rule->remedy)});
  }

  void check_step(const Stage& stage, const Step& step) {
    const Instruction& instruction = *step.instruction;
    Position at = instruction.position;
    const std::string& keyword = instruction.keyword;
    bool onbuild = keyword == "ONBUILD";
    // Windows has its own accounts and commands: the Linux rules say nothing there.
    if (stage.windows) return;
    if (keyword == "USER")
      check_user_exists(stage, step, step.user.user, step.user.group, at, "USER");
    if (keyword == "COPY" || keyword == "ADD") check_copy_flags(stage, step);
    if (keyword != "RUN" && !onbuild) return;

    if (!onbuild && !step.user.is_root()) {
      for (const SimpleCommand& command : step.commands) {
        std::string why = needs_root(command, step.user);
        if (why.empty()) continue;
        bool via_sudo = std::any_of(command.via.begin(), command.via.end(),
                                    [](const std::string& v) { return is_sudo_via(v); });
        if (via_sudo) continue;
        add("UR003", at,
            why + " needs root, but this RUN runs as " + step.user.user + " (" +
                step.user.origin() + ")");
        break;
      }
    }
    check_sudo(step);
    for (const SimpleCommand& command : step.commands) {
      std::string name = command.name();
      if (name == "chmod") check_chmod(command, at);
      if (name == "useradd") check_log_init(command, at);
    }
  }

  // useradd (shadow before 4.13) fills /var/log/lastlog and faillog up to
  // the new uid: sparse files on disk, but a layer stores them whole, 292 + 32
  // bytes per uid below it (measured: uid 1000000 on Debian 11, a 324 MB layer).
  void check_log_init(const SimpleCommand& command, Position at) {
    const std::vector<std::string>& args = command.arguments;
    std::optional<uint32_t> uid;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a == "-l" || a == "--no-log-init") return;
      if ((a == "-u" || a == "--uid") && i + 1 < args.size()) uid = parse_id(args[i + 1]);
      if (starts_with(a, "--uid=")) uid = parse_id(a.substr(6));
      if (a.size() > 2 && starts_with(a, "-u") && is_number(a.substr(2)))
        uid = parse_id(a.substr(2));
    }
    if (!uid || *uid < kLargeUid) return;
    uint64_t megabytes = (uint64_t{*uid} * (292 + 32) + 999999) / 1000000;
    add("UR011", at,
        "`useradd -u " + std::to_string(*uid) + "` without -l: where useradd fills lastlog and " +
            "faillog (Debian 11's does, Debian 12's no longer), they add " +
            std::to_string(megabytes) + " MB to the layer");
  }

  void check_chmod(const SimpleCommand& command, Position at) {
    std::vector<std::string> operands;
    for (const std::string& a : command.arguments) {
      if (!a.empty() && a[0] == '-' && !parse_mode(a.substr(1))) continue;  // -R, --recursive
      operands.push_back(a);
    }
    if (operands.empty()) return;
    auto bits = parse_mode(operands[0]);
    if (!bits) return;
    std::vector<std::string> targets(operands.begin() + 1, operands.end());
    if (bits->special) add("UR005", at, "`chmod " + operands[0] + "` sets the setuid/setgid bit");
    bool all_tmp = !targets.empty() && std::all_of(targets.begin(), targets.end(), is_tmp_like);
    if (bits->world_writable && !all_tmp) {
      add("UR007", at,
          "`chmod " + operands[0] + "` makes " +
              (targets.empty() ? std::string("files") : targets[0]) + " world-writable");
    }
  }

  void check_sudo(const Step& step) {
    const Instruction& instruction = *step.instruction;
    Position at = instruction.position;
    std::string all_text = instruction.arguments;
    for (const auto& heredoc : instruction.heredocs) all_text += "\n" + heredoc.body;
    if (instruction.triggered) all_text += "\n" + instruction.triggered->arguments;
    for (const SimpleCommand& command : step.commands) {
      if (!changing_package_verb(command).empty()) {
        for (const std::string& package : command.arguments) {
          if (names_sudo(package)) {
            add("UR004", at, "installs " + package);
            return;
          }
        }
      }
      for (const std::string& via : command.via) {
        if (is_sudo_via(via)) {
          add("UR004", at, "runs `" + command.name() + "` through " + via);
          return;
        }
      }
      if (command.name() == "sudo" || command.name() == "doas") {
        add("UR004", at, "runs " + command.name());
        return;
      }
      for (const std::string& path : written_paths(command)) {
        if (targets_sudoers(path) && all_text.find("NOPASSWD") != std::string::npos) {
          add("UR004", at, "writes a NOPASSWD rule to " + path);
          return;
        }
        if (path == "/etc/doas.conf" && all_text.find("nopass") != std::string::npos) {
          add("UR004", at, "writes a nopass rule to " + path);
          return;
        }
      }
    }
  }

  void check_copy_flags(const Stage& stage, const Step& step) {
    const Instruction& instruction = *step.instruction;
    for (const dockerfile::Flag& flag : instruction.flags) {
      if (flag.name == "chown") {
        auto expanded = dockerfile::expand_word(flag.value, step.variables, file_.escape);
        std::string spec = expanded ? *expanded : flag.value;
        size_t colon = spec.find(':');
        check_user_exists(stage, step, spec.substr(0, colon),
                          colon == std::string::npos ? "" : spec.substr(colon + 1), flag.position,
                          "--chown");
      }
      if (flag.name == "chmod") {
        auto bits = parse_mode(flag.value);
        if (bits && bits->special) {
          add("UR005", flag.position, "--chmod=" + flag.value + " sets the setuid/setgid bit");
        }
        if (bits && bits->world_writable) {
          add("UR007", flag.position,
              "--chmod=" + flag.value + " makes the copied files world-writable");
        }
      }
    }
    std::string text;
    for (const auto& heredoc : instruction.heredocs) text += heredoc.body;
    if (text.find("NOPASSWD") != std::string::npos &&
        instruction.arguments.find("/etc/sudoers") != std::string::npos) {
      add("UR004", instruction.position, "copies a NOPASSWD rule into /etc/sudoers");
    }
  }

  void check_user_exists(const Stage& stage, const Step& step, const std::string& user,
                         const std::string& group, Position at, std::string_view what) {
    bool accounts_known = stage.accounts_known;
    int line = step.instruction->position.line;
    auto known = [&](const std::vector<Account>& created, const std::vector<Account>& base,
                     const std::string& name) {
      if (name.empty() || is_number(name) || dockerfile::mentions_variable(name, file_.escape)) {
        return true;
      }
      bool made = std::any_of(created.begin(), created.end(),
                              [&](const Account& a) { return a.name == name && a.line < line; });
      if (made) return true;
      if (!accounts_known) return true;  // silent rather than guess
      return std::any_of(base.begin(), base.end(),
                         [&](const Account& a) { return a.name == name; });
    };
    if (!known(stage.users, stage.base_users, user)) {
      add("UR002", at,
          std::string(what) + " names user " + user + ", which " + where_missing(stage));
    }
    if (!known(stage.groups, stage.base_groups, group)) {
      add("UR002", at,
          std::string(what) + " names group " + group + ", which " + where_missing(stage));
    }
  }

  static std::string where_missing(const Stage& stage) {
    if (stage.scratch) return "no earlier instruction creates (the image is FROM scratch)";
    return "neither an earlier instruction creates nor the base image " + stage.base + " has";
  }

  // sudoers and doas.conf rules written by RUN in the final stage (or the
  // stages it builds on) that give its final user every command as root with
  // no password. The rule text is what echo and printf print, and heredocs.
  void check_passwordless_root(const Stage& stage) {
    const EffectiveUser& user = stage.final_user;
    SudoSubject subject;
    // The account behind the USER, by name or by uid, as sudo matches both.
    bool numeric = is_number(user.user);
    if (numeric) subject.uid = parse_id(user.user).value_or(0);
    if (!numeric) subject.name = user.user;
    for (const std::vector<Account>* accounts : {&stage.base_users, &stage.users}) {
      for (const Account& account : *accounts) {
        if (numeric && account.id.value_or(0) == subject.uid && account.id) {
          subject.name = account.name;
        }
        if (!numeric && account.name == user.user) subject.uid = account.id.value_or(0);
      }
    }
    if (!user.group.empty() && !is_number(user.group)) subject.group_names.push_back(user.group);
    std::vector<const Stage*> chain = lineage(stage);
    for (const Stage* in : chain) {
      for (const Step& step : in->steps) {
        for (const SimpleCommand& command : step.commands) {
          for (std::string& group : groups_added(command, subject.name, step.variables)) {
            subject.group_names.push_back(std::move(group));
          }
        }
      }
    }
    for (const Stage* in : chain) {
      for (const Step& step : in->steps) {
        if (step.instruction->keyword != "RUN") continue;
        std::string target;
        std::string text;
        for (const auto& heredoc : step.instruction->heredocs) text += heredoc.body + "\n";
        for (const SimpleCommand& command : step.commands) {
          for (const std::string& path : written_paths(command)) {
            if (targets_sudoers(path)) target = path;
          }
          std::string name = command.name();
          if (name != "echo" && name != "printf") continue;
          for (const std::string& argument : command.arguments) {
            if (!argument.empty() && argument[0] == '-' && name == "echo") continue;
            // RUN's shell sees ARG and ENV values: `echo "$USERNAME ALL=..."`.
            auto expanded = dockerfile::expand_word(argument, step.variables, file_.escape);
            text += (expanded ? *expanded : argument) + " ";
          }
          text += "\n";
        }
        if (target.empty()) continue;
        for (size_t at; (at = text.find("\\n")) != std::string::npos;) text.replace(at, 2, "\n");
        bool granted = target == "/etc/doas.conf"
                           ? doas_passwordless_all(text, subject) > 0
                           : evaluate_sudoers(text, subject).passwordless_all;
        if (granted) {
          add("UR010", step.instruction->position,
              "writes a rule to " + target + " that lets the final user " + user.user + " (" +
                  user.origin() + ") run every command as root without a password");
        }
      }
    }
  }

  // A Windows container's administrator is ContainerAdministrator, servercore's
  // default; nanoserver's is ContainerUser. Said as a warning: the remedy is
  // USER ContainerUser, not a Linux drop.
  void check_windows_final(const Stage& stage) {
    const EffectiveUser& user = stage.final_user;
    std::string name = lower_case(user.user);
    bool servercore_default =
        user.user.empty() && lower_case(stage.base).find("nanoserver") == std::string::npos;
    if (name == "containeradministrator" || servercore_default) {
      add("UR001", user_position(stage),
          "the final stage runs as ContainerAdministrator, the Windows container's administrator "
          "(" +
              user.origin() + "): USER ContainerUser runs it without administrator rights",
          Severity::kWarning);
    }
  }

  static std::string lower_case(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  }

  // UR004 for sudo or doas the container runs at start: as a drop (sudo -u
  // app "$@") or a side command, it keeps sudo in the image and in use.
  void check_startup_sudo(const Stage& stage, const Startup& started) {
    for (const StartupCommand& startup : started.commands) {
      const SimpleCommand& command = startup.command;
      auto via = std::find_if(command.via.begin(), command.via.end(),
                              [](const std::string& v) { return is_sudo_via(v); });
      std::string how = via != command.via.end() ? *via : "";
      if (how.empty() && (command.name() == "sudo" || command.name() == "doas")) {
        how = command.name();
      }
      if (how.empty()) continue;
      int line = stage.entrypoint.line > 0 ? stage.entrypoint.line : stage.from_line;
      std::string message = startup.script.empty() ? "the entrypoint" : startup.script;
      if (!startup.script.empty()) message += " (line " + std::to_string(command.line) + ")";
      message.append(" uses ").append(how).append(" at start");
      add("UR004", position_at(line), message);
      return;
    }
  }

  // `stage` and the stages it builds on (FROM <stage>), nearest first.
  std::vector<const Stage*> lineage(const Stage& stage) const {
    std::vector<const Stage*> chain = {&stage};
    while (chain.back()->parent >= 0) {
      chain.push_back(&model_.stages[static_cast<size_t>(chain.back()->parent)]);
    }
    return chain;
  }

  // Whether owner `spec` (a --chown or chown user, expanded) is `user`, by
  // name or uid.
  static bool same_user(const Stage& stage, const std::string& spec, const std::string& user) {
    std::string owner = spec.substr(0, spec.find_first_of(":."));
    if (owner.empty() || user.empty()) return false;
    if (owner == user) return true;
    auto uid_of = [&](const std::string& name) -> std::optional<uint32_t> {
      if (is_number(name)) return parse_id(name);
      for (const auto* accounts : {&stage.users, &stage.base_users}) {
        for (const Account& account : *accounts) {
          if (account.name == name && account.id) return account.id;
        }
      }
      return std::nullopt;
    };
    auto a = uid_of(owner), b = uid_of(user);
    return a && b && *a == *b;
  }

  // UR012: the files the application runs, owned by the user it runs as.
  void check_application_owner(const Stage& stage, const Startup& started,
                               const std::string& user) {
    std::vector<std::string> files = application_files(stage, started);
    if (files.empty() || user == "root" || user == "0") return;
    for (const std::string& file : files) {
      FileLookup found = stage.files.find(file);
      if (found.line > 0 && same_user(stage, found.owner, user)) {
        std::string message = "--chown=";
        message.append(found.owner).append(" gives ").append(user);
        message.append(", the user the application runs as, ").append(file);
        message.append(
            ", which the container runs: code execution in the application can "
            "rewrite it");
        add("UR012", position_at(found.line), message);
        return;
      }
    }
    std::vector<const Stage*> chain = lineage(stage);
    for (const Stage* in : chain) {
      for (const Step& step : in->steps) {
        for (const SimpleCommand& command : step.commands) {
          if (command.name() != "chown") continue;
          std::vector<std::string> operands;
          for (const std::string& argument : command.arguments) {
            if (argument.empty() || argument[0] == '-') continue;
            auto expanded = dockerfile::expand_word(argument, step.variables, file_.escape);
            operands.push_back(expanded ? *expanded : argument);
          }
          if (operands.size() < 2 || !same_user(stage, operands[0], user)) continue;
          for (size_t i = 1; i < operands.size(); ++i) {
            std::string target = normalize_path(
                operands[i].front() == '/' ? operands[i] : step.workdir + "/" + operands[i]);
            // Owning a directory above a file is enough to replace the file.
            auto covered = std::find_if(files.begin(), files.end(), [&](const std::string& file) {
              return target != "/" && under(file, target);
            });
            if (covered == files.end()) continue;
            add("UR012", step.instruction->position,
                "`chown " + operands[0] + " " + operands[i] + "` gives " + user +
                    ", the user the application runs as, " + *covered +
                    ", which the container runs: code execution in the application can rewrite "
                    "it");
            return;
          }
        }
      }
    }
  }

  // Groups `command` adds user `name` to: usermod -aG, useradd -G, adduser
  // USER GROUP, addgroup USER GROUP (busybox), gpasswd -a USER GROUP.
  std::vector<std::string> groups_added(const SimpleCommand& command, const std::string& name,
                                        const dockerfile::Variables& variables) const {
    std::vector<std::string> words;
    for (const std::string& argument : command.arguments) {
      auto expanded = dockerfile::expand_word(argument, variables, file_.escape);
      words.push_back(expanded ? *expanded : argument);
    }
    std::string program = command.name();
    std::vector<std::string> operands;
    std::string listed;
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      bool list_option = w == "-G" || w == "--groups" || w == "-aG" || w == "-Ga";
      if (list_option && i + 1 < words.size()) {
        listed = words[++i];
      } else if (starts_with(w, "--groups=")) {
        listed = w.substr(9);
      } else if ((w == "-a" && program == "gpasswd") || w.empty() || w[0] != '-') {
        if (w != "-a") operands.push_back(w);
      } else if (takes_value(w) && i + 1 < words.size()) {
        ++i;
      }
    }
    std::vector<std::string> groups;
    bool user_named = !operands.empty() && operands.back() == name;
    if ((program == "usermod" || program == "useradd") && user_named) {
      for (size_t start = 0; start <= listed.size() && !listed.empty();) {
        size_t comma = listed.find(',', start);
        groups.push_back(listed.substr(start, comma == std::string::npos ? comma : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    if ((program == "adduser" || program == "addgroup" || program == "gpasswd") &&
        operands.size() == 2 && operands[0] == name) {
      groups.push_back(operands[1]);
    }
    return groups;
  }

  // The useradd/usermod/adduser options whose value is the next word.
  static bool takes_value(std::string_view option) {
    for (std::string_view o :
         {"-u", "-g", "-s", "-d", "-c", "-k", "-e", "-f", "-p", "-K", "--uid", "--gid", "--shell",
          "--home", "--home-dir", "--comment", "--gecos", "--ingroup"}) {
      if (option == o) return true;
    }
    return false;
  }

  void check_accounts(const Stage& stage) {
    for (const Account& account : stage.users) {
      if (account.line > 0 && account.id && *account.id == 0 && account.name != "root" &&
          account.line > stage.from_line) {
        add("UR006", position_at(account.line),
            "account " + account.name + " gets uid 0 besides root");
      }
    }
  }

  // The position of the instruction that starts at `line`.
  Position position_at(int line) const {
    for (const Instruction& instruction : file_.instructions) {
      if (instruction.position.line == line) return instruction.position;
    }
    return {line, 1};
  }

  Position user_position(const Stage& stage) const {
    return position_at(stage.final_user.line > 0 ? stage.final_user.line : stage.from_line);
  }

  // Whether account `name` of the stage (created in it, or its base's) has uid 0.
  static bool has_uid_zero(const Stage& stage, const std::string& name) {
    auto zero = [&](const Account& a) { return a.name == name && a.id && *a.id == 0; };
    return std::any_of(stage.users.begin(), stage.users.end(), zero) ||
           std::any_of(stage.base_users.begin(), stage.base_users.end(), zero);
  }

  void check_final(const Stage& stage) {
    const EffectiveUser& user = stage.final_user;
    if (stage.windows) {
      check_windows_final(stage);
      return;
    }
    Startup started = startup_of(stage);
    std::vector<SimpleCommand> startup;
    for (const StartupCommand& command : started.commands) startup.push_back(command.command);
    DropVerdict verdict = entrypoint_drop(model_, stage, started);
    const std::string& drop = verdict.tool;
    // Root under another name (useradd -o -u 0 admin) is root all the same.
    bool alias = !user.is_root() && has_uid_zero(stage, user.user);
    if ((user.is_root() || alias) && verdict.kind != DropVerdict::Kind::kDrops) {
      add("UR001", user_position(stage),
          "the final stage runs as root (" + user.origin() +
              (alias ? ", and " + user.user + " has uid 0" : "") + ") and " + verdict.reason,
          verdict.kind == DropVerdict::Kind::kUndecided ? Severity::kWarning : Severity::kError);
    }
    // An entrypoint that asks whether it runs as root drops only when it does.
    if (!user.is_root() && !alias) check_passwordless_root(stage);
    check_startup_sudo(stage, started);
    std::string runtime_user = !user.is_root() && !alias ? user.user : verdict.user;
    if (!runtime_user.empty()) check_application_owner(stage, started, runtime_user);
    if (!user.is_root() && !alias && !drop.empty() && !tests_for_root(startup)) {
      std::string effect = starts_with(drop, "unroot")
                               ? "unroot keeps the identity it starts with, so no drop happens"
                               : drop + " needs root and fails at start";
      Position at =
          user.source == EffectiveUser::Source::kThisStage
              ? user_position(stage)
              : Position{stage.entrypoint.line ? stage.entrypoint.line : stage.from_line, 1};
      add("UR008", at,
          "the entrypoint drops privileges with " + drop + ", but the final user is " + user.user +
              " (" + user.origin() + "): " + effect);
    }
    if (!user.is_root() && !is_number(user.user) &&
        !dockerfile::mentions_variable(user.user, file_.escape)) {
      add("UR009", user_position(stage),
          "the final user " + user.user + " is a name: runAsNonRoot cannot verify it");
    }
  }

  const dockerfile::Dockerfile& file_;
  const BuildModel& model_;
  std::vector<LintFinding> findings_;
};

// Rule ids a `# unroot-ignore: UR003, UR004 reason` comment lists.
std::vector<std::string> ignored_by(const std::string& comment) {
  std::vector<std::string> ids;
  const std::string marker = "unroot-ignore:";
  if (comment.compare(0, marker.size(), marker) != 0) return ids;
  size_t i = marker.size();
  for (;;) {
    while (i < comment.size() && (comment[i] == ' ' || comment[i] == ',' || comment[i] == '\t'))
      ++i;
    size_t start = i;
    while (i < comment.size() && std::isalnum(static_cast<unsigned char>(comment[i]))) ++i;
    std::string id = upper(comment.substr(start, i - start));
    if (!find_rule(id)) return ids;
    ids.push_back(id);
  }
}

}  // namespace

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

const std::vector<RuleInfo>& rule_catalog() { return kRules; }

const RuleInfo* find_rule(std::string_view id) {
  std::string wanted = upper(std::string(id));
  for (const RuleInfo& rule : kRules) {
    if (rule.id == wanted) return &rule;
  }
  return nullptr;
}

std::vector<LintFinding> run_rules(const dockerfile::Dockerfile& file, const BuildModel& model,
                                   const std::vector<std::string>& ignored) {
  std::vector<LintFinding> findings = RuleRunner(file, model).run();
  std::vector<LintFinding> kept;
  for (LintFinding& finding : findings) {
    bool skip = std::any_of(ignored.begin(), ignored.end(),
                            [&](const std::string& id) { return upper(id) == finding.rule; });
    for (const dockerfile::Comment& comment : file.comments) {
      if (comment.line != finding.position.line - 1) continue;
      std::vector<std::string> ids = ignored_by(comment.text);
      if (std::find(ids.begin(), ids.end(), finding.rule) != ids.end()) skip = true;
    }
    if (!skip) kept.push_back(std::move(finding));
  }
  return kept;
}

}  // namespace unroot::lint
