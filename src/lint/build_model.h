// BuildModel: what a Dockerfile does to users, stage by stage — the
// effective user of every instruction (from the stage's own USER, its parent
// stage, or the base image), the accounts the build creates, the commands
// each RUN runs, and the entrypoint and command in effect. Facts about base
// images come from a lookup (the local engine, or nothing); what the build
// puts where is each stage's ImageFiles, and the accounts come from it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dockerfile/expand.h"
#include "dockerfile/syntax.h"
#include "lint/image_files.h"
#include "lint/shell_commands.h"

namespace unroot::lint {

/// What an engine knows of an image.
struct BaseImage {
  std::string user;  ///< Config.User; "" means root
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::optional<std::string> passwd;  ///< the image's /etc/passwd, when read
  std::optional<std::string> group;
};

/// Answers for an image reference, or nullopt when unknown.
using BaseImageLookup = std::function<std::optional<BaseImage>(const std::string& reference)>;

struct Account {
  std::string name;
  std::optional<uint32_t> id;
  int line = 0;  ///< where the build creates it (0: the base image's)
};

/// The user instructions run as.
struct EffectiveUser {
  enum class Source { kDefault, kThisStage, kParentStage, kBaseImage };
  std::string user;  ///< as written, expanded; "" for the default, root
  std::string group;
  Source source = Source::kDefault;
  int line = 0;          ///< the USER line that set it (this stage or the parent)
  std::string stage;     ///< the parent stage's name, for kParentStage
  std::string image;     ///< the base image, for kBaseImage and an assumed default
  bool assumed = false;  ///< the base image is unknown: root is Docker's default

  bool is_root() const;
  /// Where it was set, for messages: "set by USER at line 4", ...
  std::string origin() const;
};

struct Step {
  const dockerfile::Instruction* instruction = nullptr;
  EffectiveUser user;
  /// RUN: every simple command, from the shell form, exec form and heredocs.
  std::vector<SimpleCommand> commands;
  dockerfile::Variables variables;
  std::string workdir = "/";  ///< WORKDIR when the instruction runs
};

/// A command line as an image declares it (ENTRYPOINT or CMD).
struct CommandLine {
  std::vector<std::string> words;  ///< exec form items, or {"/bin/sh", "-c", text}
  int line = 0;                    ///< 0 when inherited from the base image
  bool known = true;
};

struct Stage {
  int index = 0;
  std::string name;  ///< `AS name`, or "" (then index)
  std::string base;  ///< FROM's image, expanded
  int from_line = 0;
  int parent = -1;  ///< FROM <earlier stage>
  bool scratch = false;
  /// A Windows image (a Windows base, a PowerShell or cmd SHELL): no uid 0,
  /// ContainerAdministrator and ContainerUser instead.
  bool windows = false;
  std::optional<BaseImage> base_image;
  std::vector<Step> steps;
  std::vector<Account> users, groups;            ///< created by this build (parents included)
  std::vector<Account> base_users, base_groups;  ///< the base image's
  /// Whether users and groups list every account (FROM scratch, a known
  /// base, no account file of unknown contents copied or unpacked since).
  bool accounts_known = false;
  ImageFiles files;
  std::string workdir = "/";
  std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  EffectiveUser final_user;
  CommandLine entrypoint, cmd;
  /// The label for messages: "build" or "stage 2".
  std::string label() const;
};

struct ModelOptions {
  BaseImageLookup lookup;
  /// The build context; "" when there is none (Dockerfile from stdin).
  std::string context;
};

struct BuildModel {
  std::vector<Stage> stages;
};

BuildModel build_model(const dockerfile::Dockerfile& file, const ModelOptions& options);

/// The privilege-dropping tool `command` runs (unroot exec/init, gosu,
/// su-exec, setpriv, chroot --userspec, runuser, s6-setuidgid, chpst -u,
/// su -c, capsh --user, start-stop-daemon --chuid, setuidgid, s6-applyuidgid,
/// phusion's setuser, sudo -u and doas -u when they run the application), or "".
std::string privilege_drop_tool(const SimpleCommand& command);

/// Whether `commands` ask if they run as root ([ "$(id -u)" = 0 ], $EUID, $UID
/// in [, [[ or test): entrypoints that drop only when started as root.
bool tests_for_root(const std::vector<SimpleCommand>& commands);

/// A command the container runs at start, and where it comes from.
struct StartupCommand {
  SimpleCommand command;
  /// The script it is read from ("" for ENTRYPOINT, CMD or an init's command).
  std::string script;
  /// The script's arguments ($1 ...) at this command, when they can be told.
  std::optional<std::vector<std::string>> arguments;
  /// What the script ends with: its last command on the main path, or one
  /// started in the background that the script then waits for.
  bool ends_script = false;
  /// Whether its conditions hold when the container starts as root with its
  /// CMD and ENV; nullopt when lint cannot decide.
  std::optional<bool> runs = true;
  std::string condition;  ///< the first condition not known to hold, for messages
};

/// What a container runs at start: the commands of ENTRYPOINT and CMD, the
/// way the kernel and Docker start them — argv[0] looked up in PATH (or
/// WORKDIR) among the files the build places, scripts read through links and
/// directory copies, inits (tini, dumb-init, catatonit, unroot init) seen
/// through to their command, shells to the script they read, s6-overlay's
/// and s6-svscan's service run scripts — and what it cannot see.
struct Startup {
  std::vector<StartupCommand> commands;
  /// Scripts it runs whose contents the build does not show.
  std::vector<std::string> hidden;
  struct Program {
    std::string name;
    std::string user;      ///< user= value, "" for none: root
    bool oneshot = false;  ///< autorestart=false: a helper that runs and ends
  };
  bool supervisor = false;  ///< it starts supervisord
  std::vector<Program> supervised;
};

Startup startup_of(const Stage& stage);

/// What the entrypoint does about privileges on its way to the application.
struct DropVerdict {
  enum class Kind { kNone, kDrops, kUndecided };
  Kind kind = Kind::kNone;
  std::string tool;  ///< the drop ("gosu", "s6-setuidgid in /etc/services.d/app/run")
  std::string user;  ///< whom it drops to, as written, when it says
  /// kNone and kUndecided: why, for a message ("gosu at line 3 of
  /// /entrypoint.sh runs only when [ "$1" = shell ]").
  std::string reason;
};

/// The files the build places that the container runs: programs and
/// scripts of ENTRYPOINT and CMD (as startup_of finds them) and
/// the script an interpreter runs (python app.py, node server.js, java -jar).
std::vector<std::string> application_files(const Stage& stage, const Startup& started);

/// The file `program` names in `stage`, as execve and Docker find it: a path
/// with a slash from WORKDIR, a bare name in PATH.
FileLookup find_program(const Stage& stage, const std::string& program);

/// A drop counts on the path that starts the application: in ENTRYPOINT or
/// CMD themselves, or in a script where it runs the script's arguments (exec
/// gosu app "$@", set -- gosu app "$@", re-entry with "$0") or is what the
/// script ends with, under conditions that hold when the container starts
/// as root with its CMD and ENV. Conditions it cannot decide make the
/// verdict undecided, as does a script whose contents the build hides.
DropVerdict entrypoint_drop(const BuildModel& model, const Stage& stage, const Startup& started);

/// Accounts named in passwd (or group) text: "name:x:id:...".
std::vector<Account> parse_account_lines(std::string_view text, int line);

}  // namespace unroot::lint
