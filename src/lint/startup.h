// What a container runs at start and what that does about privileges: the
// commands of ENTRYPOINT and CMD followed through the stage's files (PATH and
// WORKDIR look-ups, links, inits, shells, service run scripts, supervisord),
// each with the conditions it runs under decided against CMD and ENV, and the
// verdict on whether a drop reaches the application.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lint/build_model.h"
#include "lint/image_files.h"
#include "lint/shell_commands.h"

namespace unroot::lint {

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
  /// The command that drops, program and arguments as written (its options
  /// say more: unroot's --allow-escalation, --allow GROUP).
  std::vector<std::string> words;
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

}  // namespace unroot::lint
