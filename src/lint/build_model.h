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

/// Accounts named in passwd (or group) text: "name:x:id:...".
std::vector<Account> parse_account_lines(std::string_view text, int line);

}  // namespace unroot::lint
