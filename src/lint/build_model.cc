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

bool is_windows_image(const std::string& image) {
  for (std::string_view marker : {"mcr.microsoft.com/windows", "nanoserver", "servercore",
                                  "windowsservercore", "mcr.microsoft.com/powershell:"}) {
    if (image.find(marker) != std::string::npos) return true;
  }
  return false;
}

bool is_url(const std::string& source) {
  return source.compare(0, 7, "http://") == 0 || source.compare(0, 8, "https://") == 0 ||
         source.compare(0, 6, "git://") == 0 || source.compare(0, 4, "git@") == 0;
}

// Whether ADD unpacks context file `source`: a tar archive, plain or
// compressed, told by its first bytes or, unread, by its name.
bool is_archive(const std::string& source, const ImageFiles& files) {
  if (auto text = files.context_file(source)) {
    std::string_view head(*text);
    auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    return starts("\x1f\x8b") || starts("BZh") ||
           starts(
               "\xfd"
               "7zXZ") ||
           starts("\x28\xb5\x2f\xfd") || (head.size() > 262 && head.substr(257, 5) == "ustar");
  }
  for (std::string_view suffix : {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz",
                                  ".txz", ".tar.zst", ".tzst"}) {
    if (source.size() > suffix.size() &&
        source.compare(source.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
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
    stage.files = ImageFiles(options_.context);
    for (const Stage& earlier : model_.stages) {
      if (!earlier.name.empty() && lower(earlier.name) == lower(stage.base))
        stage.parent = earlier.index;
    }
    if (stage.parent >= 0) {
      const Stage& parent = model_.stages[static_cast<size_t>(stage.parent)];
      stage.scratch = parent.scratch;
      stage.windows = parent.windows;
      stage.base_image = parent.base_image;
      stage.users = parent.users;
      stage.groups = parent.groups;
      stage.base_users = parent.base_users;
      stage.base_groups = parent.base_groups;
      stage.accounts_known = parent.accounts_known;
      stage.files = parent.files;
      stage.workdir = parent.workdir;
      stage.path = parent.path;
      stage.entrypoint = parent.entrypoint;
      stage.cmd = parent.cmd;
      user_ = parent.final_user;
      if (user_.source == EffectiveUser::Source::kThisStage ||
          user_.source == EffectiveUser::Source::kParentStage) {
        if (user_.source == EffectiveUser::Source::kThisStage) user_.stage = parent.label();
        user_.source = EffectiveUser::Source::kParentStage;
      }
      variables_ = stage_variables_[static_cast<size_t>(stage.parent)];
    } else if (is_windows_image(lower(stage.base))) {
      stage.windows = true;
      user_ = EffectiveUser{};
      user_.image = stage.base;
      stage.entrypoint.known = stage.cmd.known = false;
    } else if (lower(stage.base) == "scratch") {
      stage.scratch = true;
      stage.accounts_known = true;
      user_ = EffectiveUser{};
      stage.entrypoint.known = stage.cmd.known = true;
    } else {
      user_ = EffectiveUser{};
      user_.image = stage.base;
      if (options_.lookup && !unresolved) stage.base_image = options_.lookup(stage.base);
      if (stage.base_image) {
        if (stage.base_image->passwd) {
          stage.base_users = parse_account_lines(*stage.base_image->passwd, 0);
          stage.accounts_known = true;
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
      if (variables_.count("PATH")) stage.path = variables_.at("PATH");
    } else if (keyword == "SHELL") {
      std::string shell =
          lower(instruction.exec_form && !instruction.json.empty() ? instruction.json[0]
                                                                   : instruction.arguments);
      if (shell.find("powershell") != std::string::npos ||
          shell.find("pwsh.exe") != std::string::npos || shell == "cmd" || shell == "cmd.exe") {
        stage.windows = true;
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
      add_run_scripts(step.commands, stage);
      record_accounts(instruction, step.commands, stage);
      record_run_files(step.commands, instruction.position.line, stage);
    } else if (keyword == "ONBUILD" && instruction.triggered &&
               instruction.triggered->keyword == "RUN") {
      step.commands = run_commands(*instruction.triggered);
    } else if (keyword == "COPY" || keyword == "ADD") {
      record_copy(instruction, stage);
    } else if (keyword == "WORKDIR") {
      auto expanded = dockerfile::expand_word(instruction.arguments, variables_, file_.escape);
      std::string dir = expanded ? *expanded : instruction.arguments;
      stage.workdir =
          normalize_path(!dir.empty() && dir.front() == '/' ? dir : stage.workdir + "/" + dir);
    } else if (keyword == "ENTRYPOINT") {
      stage.entrypoint = command_line(instruction);
      // Docker resets an inherited CMD when a stage sets its ENTRYPOINT.
      if (stage.cmd.line == 0 || stage.cmd.line < stage.from_line) stage.cmd = CommandLine{};
    } else if (keyword == "CMD") {
      stage.cmd = command_line(instruction);
    }
    step.variables = variables_;
    step.workdir = stage.workdir;
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

  // A RUN that runs a script the build copied in (`bash /tmp/setup.sh`,
  // `./install.sh`) runs its commands too, as this RUN's user.
  void add_run_scripts(std::vector<SimpleCommand>& commands, const Stage& stage) const {
    size_t count = commands.size();
    for (size_t i = 0; i < count; ++i) {
      std::string program = commands[i].program;
      std::string name = commands[i].name();
      if ((name == "sh" || name == "bash" || name == "ash" || name == "dash") &&
          !commands[i].arguments.empty()) {
        program = commands[i].arguments[0];
      }
      if (program.find('/') == std::string::npos || program.find('$') != std::string::npos)
        continue;
      FileLookup found = stage.files.find(absolute(program, stage));
      if (found.state != FileLookup::State::kKnown) continue;
      for (SimpleCommand& inner : split_shell(found.text)) {
        inner.line = commands[i].line;
        commands.push_back(std::move(inner));
      }
    }
  }

  // `ln -s TARGET LINK` and downloads (curl -o, wget -O): files whose
  // contents the Dockerfile does not show.
  void record_run_files(const std::vector<SimpleCommand>& commands, int line, Stage& stage) {
    for (const SimpleCommand& command : commands) {
      std::string name = command.name();
      std::vector<std::string> operands;
      bool symbolic = false;
      std::string output;
      const std::vector<std::string>& args = command.arguments;
      for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('s') != std::string::npos)
          symbolic = true;
        if (a == "--symbolic") symbolic = true;
        if ((a == "-o" || a == "-O" || a == "--output" || a == "--output-document") &&
            i + 1 < args.size()) {
          output = args[++i];
        } else if (a.compare(0, 2, "-o") == 0 && a.size() > 2 && name == "curl") {
          output = a.substr(2);
        } else if (a.empty() || a[0] != '-') {
          operands.push_back(a);
        }
      }
      if (name == "ln" && symbolic && operands.size() == 2) {
        std::string link = absolute(operands[1], stage);
        bool into = operands[1].back() == '/' || is_standard_directory(link);
        stage.files.add_link(into ? link + "/" + base_name(operands[0]) : link, operands[0], line);
      } else if ((name == "curl" || name == "wget") && !output.empty() && output != "-") {
        stage.files.add_file(absolute(output, stage), std::nullopt, "", line);
      } else if (name == "tar") {
        record_extraction(args, line, stage);
      }
    }
  }

  // `tar -x -C DIR`: an archive unpacked under DIR, contents unknown. Only
  // with a directory named: unpacking into an unnamed one says too little.
  void record_extraction(const std::vector<std::string>& args, int line, Stage& stage) const {
    bool extracts = false;
    std::string directory;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      bool cluster = !a.empty() && a[0] != '-' && i == 0;  // tar xzf FILE
      if ((a.size() > 1 && a[0] == '-' && a[1] != '-') || cluster) {
        extracts = extracts || a.find('x') != std::string::npos;
      }
      if (a == "--extract" || a == "--get") extracts = true;
      if ((a == "-C" || a == "--directory") && i + 1 < args.size()) directory = args[i + 1];
      if (a.compare(0, 12, "--directory=") == 0) directory = a.substr(12);
    }
    if (!extracts || directory.empty()) return;
    std::string where = absolute(directory, stage);
    if (where != "/") stage.files.add_unknown_tree(where, line);
  }

  std::string absolute(const std::string& path, const Stage& stage) const {
    auto expanded = dockerfile::expand_word(path, variables_, file_.escape);
    std::string p = expanded ? *expanded : path;
    return normalize_path(!p.empty() && p.front() == '/' ? p : stage.workdir + "/" + p);
  }

  const Stage* stage_named(const std::string& name) const {
    for (const Stage& earlier : model_.stages) {
      if ((!earlier.name.empty() && lower(earlier.name) == lower(name)) ||
          std::to_string(earlier.index) == name) {
        if (&earlier != &model_.stages.back()) return &earlier;
      }
    }
    return nullptr;
  }

  std::string flag_value(const Instruction& instruction, std::string_view name) const {
    for (const dockerfile::Flag& flag : instruction.flags) {
      if (flag.name != name) continue;
      auto expanded = dockerfile::expand_word(flag.value, variables_, file_.escape);
      return expanded ? *expanded : flag.value;
    }
    return "";
  }

  // A COPY --from of an account file from a stage: its accounts, which the
  // stage's model holds as lists, not as the file. Returns whether it was one.
  static bool import_accounts(const std::string& source, const Stage& from, Stage& stage) {
    bool passwd = normalize_path(source) == "/etc/passwd";
    bool group = normalize_path(source) == "/etc/group";
    if (!passwd && !group) return false;
    auto& into = passwd ? stage.users : stage.groups;
    for (const auto* list : passwd ? std::array{&from.base_users, &from.users}
                                   : std::array{&from.base_groups, &from.groups}) {
      for (Account account : *list) add_account(into, std::move(account));
    }
    stage.accounts_known = stage.accounts_known && from.accounts_known;
    return true;
  }

  void record_copy(const Instruction& instruction, Stage& stage) {
    std::vector<std::string> sources;
    std::string written = destination_of(instruction, sources);
    if (written.empty()) return;
    int line = instruction.position.line;
    std::string destination = absolute(written, stage);
    std::string owner = flag_value(instruction, "chown");
    owner = owner.substr(0, owner.find(':'));
    std::string from = flag_value(instruction, "from");
    bool add = instruction.keyword == "ADD";
    bool globbed = std::any_of(sources.begin(), sources.end(), [](const std::string& source) {
      return source.find_first_of("*?[") != std::string::npos;
    });
    bool into_directory = written.back() == '/' || globbed ||
                          sources.size() + instruction.heredocs.size() > 1 ||
                          (!stage.scratch && is_standard_directory(destination));
    auto target_of = [&](const std::string& source) {
      return into_directory ? normalize_path(destination + "/" + base_name(normalize_path(source)))
                            : destination;
    };
    ImageFiles& files = stage.files;
    bool imported = false;
    for (const auto& heredoc : instruction.heredocs) {
      files.add_file(target_of(heredoc.name), heredoc.body, owner, line);
    }
    if (!from.empty()) {
      const Stage* other = stage_named(from);
      for (const std::string& source : sources) {
        // A stage's account files are its account lists: RUN useradd changed them.
        if (other && import_accounts(source, *other, stage)) {
          imported = true;
          continue;
        }
        FileLookup found = other ? other->files.find(source) : FileLookup{};
        if (!other) found = from_image(from, source);
        if (found.state == FileLookup::State::kKnown) {
          files.add_file(target_of(source), found.text, owner, line);
        } else {
          files.add_unknown_tree(target_of(source), line, owner);
        }
      }
    } else {
      for (const std::string& source : sources) {
        if (is_url(source)) {
          files.add_file(target_of(source), std::nullopt, owner, line);
          continue;
        }
        std::string relative = source.front() == '/' ? source.substr(1) : source;
        // Without the source in the context (no context, or not there), a
        // file or a directory of unknown contents: an archive by its name and
        // a directory (`.`, `dir/`) fill the destination itself.
        bool whole = (add && is_archive(relative, files)) || relative.empty() ||
                     relative.back() == '/' || normalize_path(relative) == ".";
        std::string unseen = whole ? destination : target_of(relative);
        if (files.context().empty()) {
          files.add_unknown_tree(unseen, line, owner);
          continue;
        }
        for (const std::string& match : files.expand_context(relative)) {
          if (files.context_has_directory(match)) {
            files.add_directory(destination, match, owner, line);
          } else if (add && is_archive(match, files)) {
            files.add_unknown_tree(destination, line, owner);
          } else if (!files.context_has(match)) {
            files.add_unknown_tree(unseen, line, owner);
          } else {
            files.add_file(target_of(match), files.context_file(match), owner, line);
          }
        }
      }
    }
    if (!imported) record_account_files(stage, line);
  }

  // A file of another image (COPY --from=IMAGE): its account files, when the
  // engine can answer; nothing else is read from images.
  FileLookup from_image(const std::string& image, const std::string& source) const {
    std::string path = normalize_path(source);
    if ((path != "/etc/passwd" && path != "/etc/group") || !options_.lookup) return {};
    std::optional<BaseImage> base = options_.lookup(image);
    if (!base) return {};
    const std::optional<std::string>& text = path == "/etc/passwd" ? base->passwd : base->group;
    if (!text) return {};
    return {FileLookup::State::kKnown, *text, "", 0, path};
  }

  // Accounts from /etc/passwd and /etc/group when instruction `line` placed them.
  static void record_account_files(Stage& stage, int line) {
    for (std::string_view file : {"passwd", "group"}) {
      FileLookup found = stage.files.find("/etc/" + std::string(file));
      if (found.line != line) continue;
      if (found.state != FileLookup::State::kKnown) {
        stage.accounts_known = false;
        continue;
      }
      auto& accounts = file == "passwd" ? stage.users : stage.groups;
      for (Account& account : parse_account_lines(found.text, line)) {
        add_account(accounts, std::move(account));
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
};

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

}  // namespace unroot::lint
