#include "lint/build_model.h"

#include <algorithm>
#include <array>

#include "base/file.h"
#include "identity/numeric_id.h"

namespace unroot::lint {
namespace {

// Directories every distribution's base image has: `COPY x /usr/local/bin`
// copies into them, as Docker does into any destination that exists.
bool is_standard_directory(std::string_view path) {
  static constexpr std::array<std::string_view, 16> kDirectories = {
      "/",     "/bin",           "/sbin", "/usr/bin",   "/usr/sbin", "/usr/local/bin",
      "/etc",  "/opt",           "/tmp",  "/usr/local", "/usr/lib",  "/usr/local/sbin",
      "/home", "/usr/local/lib", "/var",  "/srv"};
  return std::find(kDirectories.begin(), kDirectories.end(), path) != kDirectories.end();
}

// Whether a script's word passes on its own arguments ("$@", "$0", ...).
bool passes_arguments(std::string_view word) {
  for (std::string_view parameter : {"$@", "${@}", "$*", "${*}", "$0", "${0}"}) {
    if (word.find(parameter) != std::string_view::npos) return true;
  }
  return false;
}

// Whether an image reference has all its parts: not empty, no part left
// empty around ':', '/', '@' (nor a name starting or ending in '-' or '.').
bool is_complete_reference(std::string_view ref) {
  if (ref.empty()) return false;
  auto separator = [](char c) { return c == ':' || c == '/' || c == '@'; };
  auto edge = [&](char c) { return separator(c) || c == '-' || c == '.'; };
  if (edge(ref.front()) || edge(ref.back())) return false;
  for (size_t i = 0; i + 1 < ref.size(); ++i) {
    if (separator(ref[i]) && separator(ref[i + 1])) return false;
  }
  return true;
}

using dockerfile::Dockerfile;
using dockerfile::Instruction;
using dockerfile::Variables;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Words of a shell-form argument list, quotes removed, nothing expanded.
std::vector<std::string> plain_words(std::string_view text) {
  std::vector<std::string> words;
  for (const SimpleCommand& command : split_shell(text)) {
    words.push_back(command.program);
    words.insert(words.end(), command.arguments.begin(), command.arguments.end());
  }
  return words;
}

std::string quote_words(const std::vector<std::string>& words) {
  std::string script;
  for (const std::string& word : words) {
    script += '\'';
    for (char c : word) {
      if (c == '\'') {
        script += "'\\''";
      } else {
        script += c;
      }
    }
    script += "' ";
  }
  return script;
}

std::optional<std::string> read_context_file(const std::string& context, const std::string& path) {
  if (context.empty() || path.empty() || path.find("..") != std::string::npos ||
      path.find_first_of("*?[") != std::string::npos) {
    return std::nullopt;
  }
  auto text = read_small_file(context + "/" + path);
  if (!text || !*text) return std::nullopt;
  return **text;
}

void add_account(std::vector<Account>& accounts, Account account) {
  auto same = [&](const Account& a) { return a.name == account.name; };
  auto it = std::find_if(accounts.begin(), accounts.end(), same);
  if (it == accounts.end()) {
    accounts.push_back(std::move(account));
  } else if (account.id) {
    it->id = account.id;
  }
}

// Options of the account tools that take a value, short and long.
bool takes_value(std::string_view option) {
  static constexpr std::string_view kWithValue[] = {"-u",
                                                    "-g",
                                                    "-G",
                                                    "-d",
                                                    "-s",
                                                    "-c",
                                                    "-k",
                                                    "-K",
                                                    "-e",
                                                    "-f",
                                                    "-p",
                                                    "-R",
                                                    "-P",
                                                    "-Z",
                                                    "-b",
                                                    "-h",
                                                    "--uid",
                                                    "--gid",
                                                    "--groups",
                                                    "--home-dir",
                                                    "--home",
                                                    "--shell",
                                                    "--comment",
                                                    "--gecos",
                                                    "--ingroup",
                                                    "--skel",
                                                    "--key",
                                                    "--expiredate",
                                                    "--inactive",
                                                    "--password",
                                                    "--root",
                                                    "--prefix",
                                                    "--firstuid",
                                                    "--lastuid",
                                                    "--firstgid",
                                                    "--lastgid",
                                                    "--conf",
                                                    "--add-extra-groups",
                                                    "--selinux-user",
                                                    "--base-dir"};
  return std::find(std::begin(kWithValue), std::end(kWithValue), option) != std::end(kWithValue);
}

struct ParsedOptions {
  std::vector<std::pair<std::string, std::string>> options;  ///< (--long or -s, value)
  std::vector<std::string> positional;
  bool has(std::string_view a, std::string_view b = "") const {
    return std::any_of(options.begin(), options.end(),
                       [&](const auto& o) { return o.first == a || (!b.empty() && o.first == b); });
  }
  std::string value(std::string_view a, std::string_view b = "") const {
    for (const auto& [name, value] : options) {
      if (name == a || (!b.empty() && name == b)) return value;
    }
    return "";
  }
};

ParsedOptions parse_options(const std::vector<std::string>& arguments) {
  ParsedOptions parsed;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& word = arguments[i];
    if (word.size() > 1 && word[0] == '-') {
      size_t eq = word.find('=');
      if (word.compare(0, 2, "--") == 0 && eq != std::string::npos) {
        parsed.options.emplace_back(word.substr(0, eq), word.substr(eq + 1));
      } else if (takes_value(word) && i + 1 < arguments.size()) {
        parsed.options.emplace_back(word, arguments[++i]);
      } else if (word.compare(0, 2, "--") != 0 && word.size() > 2 &&
                 takes_value(word.substr(0, 2))) {
        parsed.options.emplace_back(word.substr(0, 2), word.substr(2));  // -u1000
      } else if (word.compare(0, 2, "--") != 0 && word.size() > 2) {
        for (size_t j = 1; j < word.size(); ++j)
          parsed.options.emplace_back(std::string("-") + word[j], "");
      } else {
        parsed.options.emplace_back(word, "");
      }
    } else {
      parsed.positional.push_back(word);
    }
  }
  return parsed;
}

// Accounts a RUN command creates: useradd/adduser/groupadd/addgroup in
// Debian and busybox syntax.
void record_account_commands(const SimpleCommand& command, int line, Stage& stage) {
  std::string name = command.name();
  ParsedOptions o = parse_options(command.arguments);
  if (o.positional.empty()) return;
  if (name == "useradd") {
    std::string user = o.positional.back();
    add_account(stage.users, {user, parse_id(o.value("-u", "--uid")), line});
    if (!o.has("-N", "--no-user-group") && !o.has("-g", "--gid")) {
      add_account(stage.groups, {user, std::nullopt, line});
    }
  } else if (name == "adduser") {
    // Two names: add an existing user to a group (both tools).
    if (o.positional.size() >= 2) return;
    std::string user = o.positional[0];
    std::string uid = o.value("-u", "--uid");
    add_account(stage.users, {user, parse_id(uid), line});
    if (!o.has("-G", "--ingroup") && !o.has("--gid")) {
      add_account(stage.groups, {user, std::nullopt, line});
    }
  } else if (name == "groupadd" || name == "addgroup") {
    if (name == "addgroup" && o.positional.size() >= 2) return;  // addgroup USER GROUP
    add_account(stage.groups, {o.positional.back(), parse_id(o.value("-g", "--gid")), line});
  }
}

bool is_account_file(const std::string& path, std::string_view file) {
  return path == "/etc/" + std::string(file);
}

// `echo 'app:x:1000:1000::/home/app:/bin/sh' >> /etc/passwd` and kin.
void record_account_writes(const SimpleCommand& command,
                           const std::vector<std::string>& stdin_texts, int line, Stage& stage) {
  for (const std::string& target : command.writes) {
    bool passwd = is_account_file(target, "passwd");
    bool group = is_account_file(target, "group");
    if (!passwd && !group) continue;
    std::string text;
    if (command.name() == "echo" || command.name() == "printf") {
      for (const std::string& word : command.arguments) {
        if (!word.empty() && word[0] == '-') continue;
        text += word + "\n";
      }
    }
    for (const std::string& body : stdin_texts) text += body;
    for (Account& account : parse_account_lines(text, line)) {
      add_account(passwd ? stage.users : stage.groups, std::move(account));
    }
  }
}

std::string destination_of(const Instruction& instruction, std::vector<std::string>& sources) {
  std::vector<std::string> words =
      instruction.exec_form ? instruction.json : plain_words(instruction.arguments);
  std::vector<std::string> kept;
  for (const std::string& word : words) {
    if (word.compare(0, 2, "<<") == 0) continue;  // heredoc markers
    kept.push_back(word);
  }
  if (kept.empty()) return "";
  std::string destination = kept.back();
  kept.pop_back();
  sources = kept;
  return destination;
}

std::string basename_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

CommandLine command_line(const Instruction& instruction) {
  CommandLine line;
  line.line = instruction.position.line;
  if (instruction.exec_form) {
    line.words = instruction.json;
  } else if (!instruction.arguments.empty()) {
    line.words = {"/bin/sh", "-c", instruction.arguments};
  }
  return line;
}

class ModelBuilder {
 public:
  ModelBuilder(const Dockerfile& file, const ModelOptions& options)
      : file_(file), options_(options) {}

  BuildModel run() {
    for (const Instruction& instruction : file_.instructions) {
      if (instruction.keyword == "FROM") {
        start_stage(instruction);
      } else if (model_.stages.empty()) {
        if (instruction.keyword == "ARG") declare_args(instruction, global_args_, nullptr);
      } else {
        step(instruction);
      }
    }
    return std::move(model_);
  }

 private:
  void declare_args(const Instruction& instruction, Variables& into, const Variables* globals) {
    auto words = dockerfile::expand_words(instruction.arguments, into, file_.escape);
    if (!words) return;
    for (const std::string& word : *words) {
      size_t eq = word.find('=');
      std::string name = word.substr(0, eq);
      if (eq != std::string::npos) {
        into[name] = word.substr(eq + 1);
      } else if (globals && globals->count(name)) {
        into[name] = globals->at(name);
      }
    }
  }

  void start_stage(const Instruction& from) {
    Stage stage;
    stage.index = static_cast<int>(model_.stages.size());
    stage.from_line = from.position.line;
    std::vector<std::string> words = plain_words(from.arguments);
    if (words.size() >= 3 && lower(words[words.size() - 2]) == "as") stage.name = words.back();
    std::string image = words.empty() ? "" : words[0];
    auto expanded = dockerfile::expand_word(image, global_args_, file_.escape);
    stage.base = expanded ? *expanded : image;
    // An ARG with no value leaves no name or half of one ("alpine:"): say what
    // was written, and ask no engine about it.
    bool unresolved =
        dockerfile::mentions_variable(image, file_.escape) && !is_complete_reference(stage.base);
    if (unresolved) stage.base = image + " (unresolved: an ARG without a value)";
    variables_.clear();
    workdir_ = "/";
    for (const Stage& earlier : model_.stages) {
      if (!earlier.name.empty() && lower(earlier.name) == lower(stage.base))
        stage.parent = earlier.index;
    }
    if (stage.parent >= 0) {
      const Stage& parent = model_.stages[static_cast<size_t>(stage.parent)];
      stage.scratch = parent.scratch;
      stage.base_image = parent.base_image;
      stage.users = parent.users;
      stage.groups = parent.groups;
      stage.base_users = parent.base_users;
      stage.base_groups = parent.base_groups;
      stage.entrypoint = parent.entrypoint;
      stage.cmd = parent.cmd;
      user_ = parent.final_user;
      if (user_.source == EffectiveUser::Source::kThisStage ||
          user_.source == EffectiveUser::Source::kParentStage) {
        if (user_.source == EffectiveUser::Source::kThisStage) user_.stage = parent.label();
        user_.source = EffectiveUser::Source::kParentStage;
      }
      variables_ = stage_variables_[static_cast<size_t>(stage.parent)];
    } else if (lower(stage.base) == "scratch") {
      stage.scratch = true;
      user_ = EffectiveUser{};
      stage.entrypoint.known = stage.cmd.known = true;
    } else {
      user_ = EffectiveUser{};
      user_.image = stage.base;
      if (options_.lookup && !unresolved) stage.base_image = options_.lookup(stage.base);
      if (stage.base_image) {
        if (stage.base_image->passwd) {
          stage.base_users = parse_account_lines(*stage.base_image->passwd, 0);
        }
        if (stage.base_image->group)
          stage.base_groups = parse_account_lines(*stage.base_image->group, 0);
        if (!stage.base_image->user.empty()) {
          size_t colon = stage.base_image->user.find(':');
          user_.user = stage.base_image->user.substr(0, colon);
          if (colon != std::string::npos) user_.group = stage.base_image->user.substr(colon + 1);
          user_.source = EffectiveUser::Source::kBaseImage;
        }
        stage.entrypoint = {stage.base_image->entrypoint, 0, true};
        stage.cmd = {stage.base_image->cmd, 0, true};
      } else {
        user_.assumed = true;
        stage.entrypoint.known = stage.cmd.known = false;
      }
    }
    stage.final_user = user_;
    model_.stages.push_back(std::move(stage));
    stage_variables_.push_back(variables_);
  }

  void step(const Instruction& instruction) {
    Stage& stage = model_.stages.back();
    Step step;
    step.instruction = &instruction;
    step.user = user_;
    const std::string& keyword = instruction.keyword;
    if (keyword == "ARG") {
      declare_args(instruction, variables_, &global_args_);
    } else if (keyword == "ENV") {
      auto words = dockerfile::expand_words(instruction.arguments, variables_, file_.escape);
      if (words && !words->empty() && (*words)[0].find('=') == std::string::npos) {
        if (words->size() >= 2) {
          std::string value;
          for (size_t i = 1; i < words->size(); ++i) value += (i > 1 ? " " : "") + (*words)[i];
          variables_[(*words)[0]] = value;
        }
      } else if (words) {
        for (const std::string& word : *words) {
          size_t eq = word.find('=');
          if (eq != std::string::npos) variables_[word.substr(0, eq)] = word.substr(eq + 1);
        }
      }
    } else if (keyword == "USER") {
      auto expanded = dockerfile::expand_word(instruction.arguments, variables_, file_.escape);
      std::string spec = expanded ? *expanded : instruction.arguments;
      size_t colon = spec.find(':');
      user_ = EffectiveUser{};
      user_.user = spec.substr(0, colon);
      if (colon != std::string::npos) user_.group = spec.substr(colon + 1);
      user_.source = EffectiveUser::Source::kThisStage;
      user_.line = instruction.position.line;
      step.user = user_;
    } else if (keyword == "RUN") {
      step.commands = run_commands(instruction);
      record_accounts(instruction, step.commands, stage);
    } else if (keyword == "ONBUILD" && instruction.triggered &&
               instruction.triggered->keyword == "RUN") {
      step.commands = run_commands(*instruction.triggered);
    } else if (keyword == "COPY" || keyword == "ADD") {
      record_copy(instruction, stage);
    } else if (keyword == "WORKDIR") {
      auto expanded = dockerfile::expand_word(instruction.arguments, variables_, file_.escape);
      std::string dir = expanded ? *expanded : instruction.arguments;
      workdir_ = !dir.empty() && dir.front() == '/'
                     ? dir
                     : workdir_ + (workdir_.back() == '/' ? "" : "/") + dir;
    } else if (keyword == "ENTRYPOINT") {
      stage.entrypoint = command_line(instruction);
      // Docker resets an inherited CMD when a stage sets its ENTRYPOINT.
      if (stage.cmd.line == 0 || stage.cmd.line < stage.from_line) stage.cmd = CommandLine{};
    } else if (keyword == "CMD") {
      stage.cmd = command_line(instruction);
    }
    step.variables = variables_;
    stage.steps.push_back(std::move(step));
    stage.final_user = user_;
    stage_variables_.back() = variables_;
  }

  static std::vector<SimpleCommand> run_commands(const Instruction& instruction) {
    std::vector<SimpleCommand> commands =
        split_shell(instruction.exec_form ? quote_words(instruction.json) : instruction.arguments);
    // A heredoc is the script when RUN has no command of its own or runs a shell.
    bool script = commands.empty();
    for (const SimpleCommand& command : commands) {
      std::string name = command.name();
      if ((name == "sh" || name == "bash" || name == "ash" || name == "dash") &&
          command.arguments.empty()) {
        script = true;
      }
    }
    if (script) {
      for (const auto& heredoc : instruction.heredocs) {
        std::vector<SimpleCommand> body = split_shell(heredoc.body);
        commands.insert(commands.end(), body.begin(), body.end());
      }
    }
    return commands;
  }

  void record_accounts(const Instruction& instruction, const std::vector<SimpleCommand>& commands,
                       Stage& stage) {
    std::vector<std::string> bodies;
    for (const auto& heredoc : instruction.heredocs) bodies.push_back(heredoc.body);
    for (const SimpleCommand& command : commands) {
      record_account_commands(command, instruction.position.line, stage);
      record_account_writes(command, bodies, instruction.position.line, stage);
    }
  }

  void record_copy(const Instruction& instruction, Stage& stage) {
    std::vector<std::string> sources;
    std::string destination = destination_of(instruction, sources);
    if (destination.empty()) return;
    if (destination.compare(0, 2, "./") == 0) destination.erase(0, 2);
    if (destination.front() != '/') {
      destination = workdir_ + (workdir_.back() == '/' ? "" : "/") + destination;
    }
    bool from_context = std::none_of(instruction.flags.begin(), instruction.flags.end(),
                                     [](const dockerfile::Flag& f) { return f.name == "from"; });
    auto content_for = [&](const std::string& source) -> std::optional<std::string> {
      if (!from_context) return std::nullopt;
      return read_context_file(options_.context, source);
    };
    // The file each source lands at.
    auto target_of = [&](const std::string& source) {
      bool into_directory = destination.back() == '/' ||
                            sources.size() + instruction.heredocs.size() > 1 ||
                            (!stage.scratch && is_standard_directory(destination));
      return into_directory
                 ? destination + (destination.back() == '/' ? "" : "/") + basename_of(source)
                 : destination;
    };
    std::vector<std::pair<std::string, std::optional<std::string>>> files;  // (target, content)
    files.reserve(sources.size() + instruction.heredocs.size());
    for (const std::string& source : sources) {
      files.emplace_back(target_of(source), content_for(source));
    }
    for (const auto& heredoc : instruction.heredocs) {
      files.emplace_back(target_of(heredoc.name), heredoc.body);
    }
    for (const auto& [target, content] : files) {
      if (!content) continue;
      if (is_account_file(target, "passwd") || is_account_file(target, "group")) {
        auto& accounts = is_account_file(target, "passwd") ? stage.users : stage.groups;
        for (Account& account : parse_account_lines(*content, instruction.position.line)) {
          add_account(accounts, std::move(account));
        }
      }
      if (!target.empty() && target.front() == '/') {
        model_.scripts.emplace_back(target, split_shell(*content));
      }
    }
  }

  const Dockerfile& file_;
  const ModelOptions& options_;
  BuildModel model_;
  Variables global_args_;
  Variables variables_;
  std::vector<Variables> stage_variables_;
  EffectiveUser user_;
  std::string workdir_ = "/";
};

bool is_unroot_drop(const std::vector<std::string>& words, size_t at) {
  if (at + 1 >= words.size()) return false;
  if (words[at + 1] == "exec") return true;
  if (words[at + 1] != "init") return false;
  return std::any_of(
      words.begin() + static_cast<long>(at) + 2, words.end(),
      [](const std::string& w) { return w == "--user" || w.compare(0, 7, "--user=") == 0; });
}

}  // namespace

bool EffectiveUser::is_root() const { return user.empty() || user == "root" || user == "0"; }

std::string EffectiveUser::origin() const {
  std::string where = line ? "USER at line " + std::to_string(line) : "";
  switch (source) {
    case Source::kThisStage:
      return "set by " + where;
    case Source::kParentStage:
      return "inherited from stage " + stage +
             (line            ? ", set by " + where
              : image.empty() ? ""
                              : ", the base image " + image + "'s user");
    case Source::kBaseImage:
      return "the base image " + image + "'s user";
    case Source::kDefault:
      break;
  }
  return assumed ? "assumed: the base image " + image + " is unknown and Docker's default is root"
                 : "Docker's default";
}

std::string Stage::label() const { return name.empty() ? std::to_string(index) : name; }

BuildModel build_model(const Dockerfile& file, const ModelOptions& options) {
  return ModelBuilder(file, options).run();
}

std::vector<Account> parse_account_lines(std::string_view text, int line) {
  std::vector<Account> accounts;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view entry = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    size_t first = entry.find(':');
    if (first == std::string_view::npos || first == 0) continue;
    size_t second = entry.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    size_t third = entry.find(':', second + 1);
    std::string_view id = entry.substr(
        second + 1, third == std::string_view::npos ? std::string_view::npos : third - second - 1);
    accounts.push_back({std::string(entry.substr(0, first)), parse_id(id), line});
  }
  return accounts;
}

std::string find_privilege_drop(const std::vector<SimpleCommand>& commands) {
  for (const SimpleCommand& command : commands) {
    // sudo -u in an entrypoint mostly runs side commands as the user
    // (`sudo -u app test -r /sock`): only one that execs or passes on the
    // script's arguments starts the application.
    bool runs_cmd = std::find(command.via.begin(), command.via.end(), "exec") != command.via.end();
    for (const std::string& word : command.arguments) runs_cmd = runs_cmd || passes_arguments(word);
    runs_cmd = runs_cmd || passes_arguments(command.program);
    for (const std::string& via : command.via) {
      if ((via == "sudo -u" || via == "doas -u") && runs_cmd) return via;
    }
    std::vector<std::string> words = {command.program};
    words.insert(words.end(), command.arguments.begin(), command.arguments.end());
    for (size_t i = 0; i < words.size(); ++i) {
      std::string name = basename_of(words[i]);
      auto rest_has = [&](std::string_view option) {
        return std::any_of(
            words.begin() + static_cast<long>(i) + 1, words.end(), [&](const std::string& w) {
              return w == option || w.compare(0, option.size() + 1, std::string(option) + "=") == 0;
            });
      };
      if (name == "unroot" && is_unroot_drop(words, i)) return "unroot " + words[i + 1];
      if (name == "gosu" || name == "su-exec" || name == "runuser" || name == "s6-setuidgid")
        return name;
      if (name == "setpriv" && (rest_has("--reuid") || rest_has("--ruid"))) return name;
      if (name == "chroot" && rest_has("--userspec")) return "chroot --userspec";
      if (name == "chpst" && rest_has("-u")) return "chpst -u";
      if (name == "su" && rest_has("-c")) return "su -c";
      if (name == "capsh" && rest_has("--user")) return "capsh --user";
      if (name == "start-stop-daemon" && (rest_has("--chuid") || rest_has("-c")))
        return "start-stop-daemon --chuid";
      if (name == "setuidgid" || name == "s6-applyuidgid" || name == "setuser") return name;
    }
  }
  return "";
}

namespace {

// Options of an init or shell that take a value, so the value is not the command.
bool takes_value(std::string_view program, std::string_view option) {
  if (program == "tini" || program == "tini-static") return option == "-p" || option == "-e";
  if (program == "dumb-init") return option == "-r" || option == "--rewrite";
  if (program == "unroot") {
    return option == "--user" || option == "--rewrite" || option == "-e" ||
           option == "--remap-exit" || option == "--grace" || option == "-p" ||
           option == "--pdeathsig" || option == "--keep-cap" || option == "--uid" ||
           option == "--gid" || option == "--uid-from" || option == "--chown-path";
  }
  return option == "-o" || option == "+o" || option == "-O" || option == "+O";  // shells
}

// The first word after `from` that is not an option of `program` (nor "--").
size_t first_operand(const std::vector<std::string>& words, size_t from, std::string_view program) {
  size_t i = from;
  while (i < words.size() && words[i].size() > 1 && (words[i][0] == '-' || words[i][0] == '+')) {
    if (words[i] == "--") return i + 1;
    i += takes_value(program, words[i]) ? 2 : 1;
  }
  return i;
}

// What `command` starts in turn, as the kernel would run it: an init's CMD
// (tini, dumb-init, catatonit, unroot init) and a shell's script file. `sh -c`
// strings are split_shell's already.
struct Started {
  std::vector<std::string> command;  // an init's CMD, to look at in its own right
  std::string script;                // a script file a shell reads
};

Started started_by(const SimpleCommand& command) {
  std::string name = command.name();
  const std::vector<std::string>& args = command.arguments;
  Started started;
  if (name == "tini" || name == "tini-static" || name == "dumb-init" || name == "catatonit" ||
      (name == "unroot" && !args.empty() && args[0] == "init")) {
    size_t from = name == "unroot" ? 1 : 0;
    size_t at = first_operand(args, from, name);
    if (at < args.size()) started.command.assign(args.begin() + static_cast<long>(at), args.end());
  } else if (name == "sh" || name == "bash" || name == "ash" || name == "dash" || name == "zsh") {
    size_t at = first_operand(args, 0, name);
    if (at < args.size()) started.script = args[at];
  }
  return started;
}

}  // namespace

bool tests_for_root(const std::vector<SimpleCommand>& commands) {
  return std::any_of(commands.begin(), commands.end(), [](const SimpleCommand& command) {
    std::string name = command.name();
    if (name != "[" && name != "[[" && name != "test") return false;
    return std::any_of(command.arguments.begin(), command.arguments.end(), [](std::string w) {
      w.erase(std::remove(w.begin(), w.end(), ' '), w.end());
      return w == "$(id-u)" || w == "`id-u`" || w == "$EUID" || w == "${EUID}" || w == "$UID" ||
             w == "${UID}";
    });
  });
}

std::vector<SimpleCommand> startup_commands(const BuildModel& model, const Stage& stage) {
  std::vector<SimpleCommand> commands;
  // The copied scripts `program` may name: a relative program runs from
  // WORKDIR or is found in PATH, so any copied script ending in it.
  auto add_scripts_named = [&](std::string program) {
    if (program.compare(0, 2, "./") == 0) program.erase(0, 2);
    for (const auto& [path, script] : model.scripts) {
      bool same =
          program == path ||
          (!program.empty() && program.front() != '/' && path.size() > program.size() &&
           path.compare(path.size() - program.size() - 1, std::string::npos, "/" + program) == 0);
      if (same) commands.insert(commands.end(), script.begin(), script.end());
    }
  };
  for (const CommandLine* line : {&stage.entrypoint, &stage.cmd}) {
    if (line->words.empty()) continue;
    std::vector<SimpleCommand> pending = split_shell(quote_words(line->words));
    // Inits start inits (tini -- dumb-init -- script): a few levels, no more.
    for (size_t i = 0; i < pending.size() && i < 32; ++i) {
      SimpleCommand command = pending[i];
      add_scripts_named(command.program);
      Started started = started_by(command);
      if (!started.script.empty()) add_scripts_named(started.script);
      if (!started.command.empty()) {
        std::vector<SimpleCommand> inner = split_shell(quote_words(started.command));
        pending.insert(pending.end(), inner.begin(), inner.end());
      }
      commands.push_back(std::move(command));
    }
  }
  return commands;
}

}  // namespace unroot::lint
