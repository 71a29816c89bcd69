// BuildModel: what a Dockerfile does to users, stage by stage — the
// effective user of every instruction (from the stage's own USER, its parent
// stage, or the base image), the accounts the build creates, the commands
// each RUN runs, and the entrypoint and command in effect. Facts about base
// images come from a lookup (the local engine, or nothing); files the build
// COPYs from its context are read from the context directory when there.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dockerfile/expand.h"
#include "dockerfile/syntax.h"
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
  std::optional<BaseImage> base_image;
  std::vector<Step> steps;
  std::vector<Account> users, groups;            ///< created by this build (parents included)
  std::vector<Account> base_users, base_groups;  ///< the base image's
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
  /// Entrypoint scripts read from the context: path in the image → commands.
  std::vector<std::pair<std::string, std::vector<SimpleCommand>>> scripts;
};

BuildModel build_model(const dockerfile::Dockerfile& file, const ModelOptions& options);

/// The privilege-dropping tool `commands` run (unroot exec/init, gosu, su-exec,
/// setpriv, chroot --userspec, runuser, s6-setuidgid, chpst -u, su -c, capsh
/// --user, start-stop-daemon --chuid, setuidgid, s6-applyuidgid, phusion's
/// setuser, sudo -u, doas -u), or "".
std::string find_privilege_drop(const std::vector<SimpleCommand>& commands);

/// Whether `commands` ask if they run as root ([ "$(id -u)" = 0 ], $EUID, $UID
/// in [, [[ or test): entrypoints that drop only when started as root.
bool tests_for_root(const std::vector<SimpleCommand>& commands);

/// The commands an image's ENTRYPOINT and CMD run, entrypoint scripts from the
/// context included, looking through inits (tini, dumb-init, catatonit,
/// unroot init) to their CMD and through shells to the script file they read.
std::vector<SimpleCommand> startup_commands(const BuildModel& model, const Stage& stage);

/// Accounts named in passwd (or group) text: "name:x:id:...".
std::vector<Account> parse_account_lines(std::string_view text, int line);

}  // namespace unroot::lint
