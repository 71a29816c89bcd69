#include "lint/build_model.h"

#include <algorithm>
#include <array>
#include <map>

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
        stage.files.add_link(into ? link + "/" + basename_of(operands[0]) : link, operands[0],
                             line);
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
      return into_directory
                 ? normalize_path(destination + "/" + basename_of(normalize_path(source)))
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

std::string privilege_drop_tool(const SimpleCommand& command) {
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

namespace {

// Scripts followed into scripts: far more than any entrypoint needs.
constexpr size_t kMaxStartupCommands = 4096;

bool looks_like_script(const std::string& path) {
  std::string name = basename_of(path);
  return name.size() > 3 && (name.compare(name.size() - 3, 3, ".sh") == 0 ||
                             name.find("entrypoint") != std::string::npos);
}

// A word lint could not expand, standing in a script's arguments.
constexpr std::string_view kUnknownWord = "\x01";

// What a test's word is when the container starts: nullopt when it cannot be told.
class ConditionContext {
 public:
  ConditionContext(const Stage& stage, const std::string& script_text,
                   const std::optional<std::vector<std::string>>& arguments)
      : stage_(stage), script_text_(script_text), arguments_(arguments) {}

  std::optional<std::string> value(std::string word) const {
    std::string squeezed = word;
    squeezed.erase(std::remove(squeezed.begin(), squeezed.end(), ' '), squeezed.end());
    for (std::string_view root : {"$(id-u)", "`id-u`", "$EUID", "${EUID}", "$UID", "${UID}"}) {
      if (squeezed == root) return std::string("0");  // the container starts as root
    }
    if (word.find_first_of("$`") == std::string::npos) return word;
    const auto& arguments = arguments_;
    if (word == "$1" || word == "${1}") {
      if (!arguments) return std::nullopt;
      if (arguments->empty()) return std::string();
      if (arguments->front() == kUnknownWord) return std::nullopt;
      return arguments->front();
    }
    if (word.compare(0, 4, "${1:") == 0 && word.back() == '}') {  // ${1:OFFSET:LENGTH}
      if (!arguments) return std::nullopt;
      std::string first = arguments->empty() ? "" : arguments->front();
      if (first == kUnknownWord) return std::nullopt;
      std::string range = word.substr(4, word.size() - 5);
      size_t colon = range.find(':');
      auto offset = parse_id(range.substr(0, colon));
      auto length = colon == std::string::npos ? std::optional<uint32_t>(UINT32_MAX)
                                               : parse_id(range.substr(colon + 1));
      if (!offset || !length) return std::nullopt;
      return *offset >= first.size() ? "" : first.substr(*offset, *length);
    }
    if (word.compare(0, 4, "${1#") == 0 && word.back() == '}') {  // ${1#PREFIX}
      if (!arguments) return std::nullopt;
      std::string first = arguments->empty() ? "" : arguments->front();
      std::string prefix = word.substr(4, word.size() - 5);
      if (first == kUnknownWord || prefix.find_first_of("*?[#$") != std::string::npos)
        return std::nullopt;
      return first.compare(0, prefix.size(), prefix) == 0 ? first.substr(prefix.size()) : first;
    }
    if (word == "$*" || word == "${*}" || word == "$@" || word == "${@}") {
      if (!arguments) return std::nullopt;
      std::string all;
      for (const std::string& argument : *arguments) {
        if (argument == kUnknownWord) return std::nullopt;
        all += (all.empty() ? "" : " ") + argument;
      }
      return all;
    }
    if (word == "$#") {
      if (!arguments) return std::nullopt;
      return std::to_string(arguments->size());
    }
    // $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}
    bool braced = word.compare(0, 2, "${") == 0 && word.back() == '}';
    if (!braced && word[0] != '$') return std::nullopt;
    std::string inner = braced ? word.substr(2, word.size() - 3) : word.substr(1);
    size_t name_end = 0;
    while (name_end < inner.size() &&
           (std::isalnum(static_cast<unsigned char>(inner[name_end])) || inner[name_end] == '_')) {
      ++name_end;
    }
    std::string name = inner.substr(0, name_end);
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return std::nullopt;
    std::string rest = inner.substr(name_end);
    std::optional<std::string> fallback;
    if (rest.compare(0, 2, ":-") == 0) fallback = rest.substr(2);
    if (rest.compare(0, 1, "-") == 0) fallback = rest.substr(1);
    if (!rest.empty() && !fallback) return std::nullopt;
    if (fallback && fallback->find_first_of("$`") != std::string::npos) return std::nullopt;
    // A script that sets it itself decides at run time.
    if (script_text_.find(name + "=") != std::string::npos ||
        script_text_.find(name + ":=") != std::string::npos ||
        script_text_.find("read " + name) != std::string::npos) {
      return std::nullopt;
    }
    const Variables* variables = stage_.steps.empty() ? nullptr : &stage_.steps.back().variables;
    if (variables && variables->count(name) && !variables->at(name).empty()) {
      return variables->at(name);
    }
    return fallback.value_or("");
  }

  // Whether a test holds; nullopt when it cannot be told.
  std::optional<bool> holds(std::vector<std::string> words) const {
    if (words.empty()) return std::nullopt;
    if (words[0] == "case") return case_matches(words);
    // Tests joined by && and || (not those inside [[ ]]), left to right as
    // the shell reads them: split at the last joint.
    int depth = 0;
    auto joint = words.end();
    for (auto at = words.begin(); at != words.end(); ++at) {
      depth += *at == "[[" ? 1 : *at == "]]" ? -1 : 0;
      if ((*at == "&&" || *at == "||") && depth == 0) joint = at;
    }
    if (joint != words.end()) {
      std::optional<bool> left = holds({words.begin(), joint});
      std::optional<bool> right = holds({joint + 1, words.end()});
      if (*joint == "&&") return both(left, right);
      if (left == true || right == true) return true;
      if (left == false && right == false) return false;
      return std::nullopt;
    }
    bool negated = words[0] == "!";
    if (negated) words.erase(words.begin());
    if (words.empty() || (words[0] != "[" && words[0] != "[[" && words[0] != "test"))
      return std::nullopt;
    bool extended = words[0] == "[[";
    std::vector<std::string> operands(words.begin() + 1, words.end());
    if (!operands.empty() && (operands.back() == "]" || operands.back() == "]]"))
      operands.pop_back();
    std::optional<bool> result = expression(operands, extended);
    if (result && negated) result = !*result;
    return result;
  }

 private:
  static std::optional<bool> both(std::optional<bool> left, std::optional<bool> right) {
    if (left == false || right == false) return false;
    if (!left || !right) return std::nullopt;
    return true;
  }

  // A test's expression: primaries joined by && or -a (|| and -o are left
  // undecided: one unknown side would decide nothing).
  std::optional<bool> expression(const std::vector<std::string>& operands, bool extended) const {
    for (size_t i = 0; i < operands.size(); ++i) {
      if (operands[i] == "&&" || operands[i] == "-a") {
        std::vector<std::string> left(operands.begin(), operands.begin() + static_cast<long>(i));
        std::vector<std::string> right(operands.begin() + static_cast<long>(i) + 1, operands.end());
        // `-a FILE` is also a unary test; as a joint it has operands on both sides.
        if (left.empty() || right.empty()) break;
        return both(expression(left, extended), expression(right, extended));
      }
      if (operands[i] == "||" || operands[i] == "-o") return std::nullopt;
    }
    if (operands.size() == 1) {
      if (auto v = value(operands[0])) return !v->empty();
      return std::nullopt;
    }
    if (operands.size() == 2 && (operands[0] == "-n" || operands[0] == "-z")) {
      if (auto v = value(operands[1])) return v->empty() == (operands[0] == "-z");
      return std::nullopt;
    }
    if (operands.size() != 3) return std::nullopt;
    const std::string& op = operands[1];
    auto left = value(operands[0]);
    auto right = value(operands[2]);
    if (!left || !right) return std::nullopt;
    // In [[ ]], an unquoted right side of = and == is a pattern.
    bool pattern = extended && right->find_first_of("*?[") != std::string::npos;
    if (op == "=" || op == "==" || op == "!=") {
      bool same = pattern ? matches_pattern(*right, *left) : *left == *right;
      return same == (op != "!=");
    }
    auto l = parse_id(*left), r = parse_id(*right);
    if (!l || !r) return std::nullopt;
    if (op == "-eq") return *l == *r;
    if (op == "-ne") return *l != *r;
    if (op == "-gt") return *l > *r;
    if (op == "-ge") return *l >= *r;
    if (op == "-lt") return *l < *r;
    if (op == "-le") return *l <= *r;
    return std::nullopt;
  }

  // {"case", WORD, PATTERN...}: whether WORD matches one of the patterns.
  std::optional<bool> case_matches(const std::vector<std::string>& words) const {
    if (words.size() < 3) return std::nullopt;
    auto subject = value(words[1]);
    if (!subject) return std::nullopt;
    for (size_t i = 2; i < words.size(); ++i) {
      auto pattern = value(words[i]);
      if (!pattern) return std::nullopt;
      if (matches_pattern(*pattern, *subject)) return true;
    }
    return false;
  }

  const Stage& stage_;
  const std::string& script_text_;
  const std::optional<std::vector<std::string>>& arguments_;
};

// Whether a command with `guards` runs when the container starts, given
// the conditions `decided` (by guard id): nullopt when lint cannot decide.
// `condition` gets the first condition not known to hold.
std::optional<bool> runs_on_start(const std::map<int, std::optional<bool>>& decided,
                                  const std::vector<Guard>& guards, std::string* condition) {
  std::optional<bool> on_path = true;
  for (const Guard& guard : guards) {
    if (guard.assumed) continue;
    auto found = decided.find(guard.id);
    bool known = found != decided.end() && found->second.has_value();
    bool taken = known && found->second.value_or(false) == guard.holds;
    if (known && !taken) {
      on_path = false;
    } else if (!known && on_path) {
      on_path = std::nullopt;
    }
    if (!taken && condition && condition->empty()) {
      std::string words;
      for (const std::string& word : guard.condition) words += (words.empty() ? "" : " ") + word;
      *condition = guard.condition.empty() ? "under a condition lint cannot read"
                                           : std::string(guard.holds ? "when " : "unless ") + words;
    }
  }
  return on_path;
}

// `$run "$@"` where the script set run="exec gosu app": the command with the
// variable's value in its place, preferring a value that drops.
SimpleCommand with_program_variable(const SimpleCommand& command, const std::string& text) {
  const std::string& program = command.program;
  if (program.size() < 2 || program[0] != '$') return command;
  std::string name = program[1] == '{' ? program.substr(2, program.size() - 3) : program.substr(1);
  std::optional<SimpleCommand> chosen;
  for (size_t at = text.find(name + "="); at != std::string::npos;
       at = text.find(name + "=", at + 1)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_'))
      continue;
    size_t start = at + name.size() + 1;
    if (start >= text.size()) break;
    char quote = text[start] == '"' || text[start] == '\'' ? text[start] : ' ';
    size_t end = quote == ' ' ? text.find_first_of(" \t\n;", start) : text.find(quote, start + 1);
    std::string value =
        text.substr(quote == ' ' ? start : start + 1,
                    end == std::string::npos ? end : end - start - (quote == ' ' ? 0 : 1));
    std::vector<std::string> words = {value};
    std::vector<SimpleCommand> split = split_shell(value + " " + quote_words(command.arguments));
    if (split.empty()) continue;
    SimpleCommand replaced = split.front();
    replaced.via.insert(replaced.via.begin(), command.via.begin(), command.via.end());
    replaced.guards = command.guards;
    replaced.line = command.line;
    replaced.writes = command.writes;
    if (!chosen || !privilege_drop_tool(replaced).empty()) chosen = std::move(replaced);
    if (!privilege_drop_tool(*chosen).empty()) break;
  }
  return chosen ? *chosen : command;
}

// Walks what a container starts; see startup_of.
class StartupWalk {
 public:
  explicit StartupWalk(const Stage& stage) : stage_(stage) {}

  Startup run() {
    std::optional<std::vector<std::string>> cmd;
    if (stage_.cmd.known) cmd = stage_.cmd.words;
    if (!stage_.entrypoint.words.empty()) start_line(stage_.entrypoint.words, cmd);
    if (!stage_.cmd.words.empty()) start_line(stage_.cmd.words, std::vector<std::string>{});
    bool s6 = !stage_.entrypoint.known;
    for (const StartupCommand& command : result_.commands) {
      s6 = s6 || (command.script.empty() && normalize_path(command.command.program) == "/init");
    }
    if (s6) add_services();
    return std::move(result_);
  }

 private:
  void start_line(const std::vector<std::string>& words,
                  const std::optional<std::vector<std::string>>& extra) {
    // The shell form runs `/bin/sh -c TEXT CMD...`: CMD's words are $0 and
    // "$@" of TEXT, not arguments appended to its commands.
    bool shell_form = words.size() == 3 && words[1] == "-c" && basename_of(words[0]) == "sh";
    for (const SimpleCommand& command : split_shell(quote_words(words))) {
      StartupCommand entry;
      entry.command = command;
      if (!shell_form || !extra) {
        add(entry, extra);
        continue;
      }
      std::vector<std::string> arguments;
      for (const std::string& word : command.arguments) {
        if (word == "$0") {
          if (!extra->empty()) arguments.push_back(extra->front());
        } else if (word == "$@") {
          if (!extra->empty()) arguments.insert(arguments.end(), extra->begin() + 1, extra->end());
        } else {
          arguments.push_back(word);
        }
      }
      entry.command.arguments = arguments;
      add(entry, std::vector<std::string>{});
    }
  }

  // Records `command` and follows what it starts. `extra`: arguments it gets
  // beyond its own (an ENTRYPOINT's CMD), nullopt when unknown.
  void add(const StartupCommand& entry, const std::optional<std::vector<std::string>>& extra) {
    if (result_.commands.size() >= kMaxStartupCommands) return;
    result_.commands.push_back(entry);
    const SimpleCommand& command = entry.command;
    const std::string& script = entry.script;
    auto with_extra = [&](std::vector<std::string> own) -> std::optional<std::vector<std::string>> {
      if (!script.empty() || !extra) return std::nullopt;
      own.insert(own.end(), extra->begin(), extra->end());
      for (std::string& word : own) {
        if (word.find_first_of("$`") != std::string::npos) word = std::string(kUnknownWord);
      }
      return own;
    };
    follow_script(command.program, with_extra(command.arguments));
    Started started = started_by(command);
    if (!started.script.empty()) {
      auto at = std::find(command.arguments.begin(), command.arguments.end(), started.script);
      std::vector<std::string> rest(at == command.arguments.end() ? at : at + 1,
                                    command.arguments.end());
      follow_script(started.script, with_extra(rest));
    }
    if (!started.command.empty()) {
      for (const SimpleCommand& inner : split_shell(quote_words(started.command))) {
        StartupCommand next = entry;
        next.command = inner;
        add(next, script.empty() ? extra : std::nullopt);
      }
    }
    std::string name = command.name();
    if (name == "supervisord" && entry.runs != false) add_supervisor(command);
    // A supervision tree's scanner runs every DIR/*/run.
    if (name == "s6-svscan" || name == "runsvdir") {
      auto dir = std::find_if(command.arguments.begin(), command.arguments.end(),
                              [](const std::string& w) { return !w.empty() && w[0] != '-'; });
      if (dir != command.arguments.end()) add_service_directory(*dir);
    }
  }

  void follow_script(const std::string& program,
                     const std::optional<std::vector<std::string>>& arguments) {
    FileLookup found = find_program(stage_, program);
    if (found.state == FileLookup::State::kUnknown) {
      if (looks_like_script(found.path) || looks_like_script(program)) {
        result_.hidden.push_back(found.path + " (placed at line " + std::to_string(found.line) +
                                 ", contents unknown)");
      }
      return;
    }
    // An entrypoint script the build does not place is the base image's; the
    // official images' wrappers (docker-entrypoint.sh) are where drops live.
    if (found.state == FileLookup::State::kAbsent) {
      if (!stage_.scratch && basename_of(program).find("entrypoint") != std::string::npos &&
          program.find('$') == std::string::npos) {
        result_.hidden.push_back(program + " (from the base image)");
      }
      return;
    }
    add_script(found.path, found.text, arguments);
  }

  void add_script(const std::string& path, const std::string& text,
                  const std::optional<std::vector<std::string>>& arguments) {
    // A script that re-enters itself ("$0") is read once.
    if (std::find(visited_.begin(), visited_.end(), path) != visited_.end()) return;
    visited_.push_back(path);
    std::vector<SimpleCommand> commands = split_shell(text);
    size_t last = commands.size();
    for (size_t i = 0; i < commands.size(); ++i) {
      if (commands[i].guards.empty()) last = i;
    }
    std::optional<std::vector<std::string>> positional = arguments;
    // An if's condition is decided when the if is reached, before its
    // branch changes "$1".
    std::map<int, std::optional<bool>> decided;
    for (size_t i = 0; i < commands.size(); ++i) {
      StartupCommand entry;
      entry.command = with_program_variable(commands[i], text);
      entry.script = path;
      entry.arguments = positional;
      const SimpleCommand& command = entry.command;
      bool waited = command.background &&
                    std::any_of(commands.begin() + static_cast<long>(i) + 1, commands.end(),
                                [](const SimpleCommand& c) { return c.name() == "wait"; });
      entry.ends_script = i == last || waited;
      ConditionContext context(stage_, text, positional);
      for (const Guard& guard : command.guards) {
        if (!decided.count(guard.id)) decided[guard.id] = context.holds(guard.condition);
      }
      entry.runs = runs_on_start(decided, command.guards, &entry.condition);
      positional = after(entry, context);
      add(entry, std::nullopt);
    }
  }

  // The script's arguments after `entry`: `set -- WORDS` and `shift` change
  // what "$1" is for the commands that follow.
  static std::optional<std::vector<std::string>> after(const StartupCommand& entry,
                                                       const ConditionContext& context) {
    const SimpleCommand& command = entry.command;
    const std::optional<std::vector<std::string>>& positional = entry.arguments;
    const std::vector<std::string>& args = command.arguments;
    bool sets = command.name() == "set" && !args.empty() && args[0] == "--";
    bool shifts = command.name() == "shift";
    if (!sets && !shifts) return positional;
    if (entry.runs == false) return positional;
    if (!entry.runs) return std::nullopt;
    if (shifts) {
      if (!positional || positional->empty() || !args.empty()) return std::nullopt;
      return std::vector<std::string>(positional->begin() + 1, positional->end());
    }
    std::vector<std::string> next;
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "$@" || args[i] == "${@}") {
        if (!positional) return std::nullopt;
        next.insert(next.end(), positional->begin(), positional->end());
      } else {
        next.push_back(context.value(args[i]).value_or(std::string(kUnknownWord)));
      }
    }
    return next;
  }

  // supervisord runs the [program:NAME] sections of its configuration (-c
  // FILE, or its default places, and the conf.d directories they include),
  // each as its `user=`.
  void add_supervisor(const SimpleCommand& command) {
    result_.supervisor = true;
    std::vector<std::string> files = {"/etc/supervisor/supervisord.conf", "/etc/supervisord.conf"};
    const std::vector<std::string>& args = command.arguments;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      bool short_c = a.size() > 1 && a[0] == '-' && a[1] != '-' && a.back() == 'c';
      if ((short_c || a == "--configuration") && i + 1 < args.size()) files = {args[i + 1]};
      if (a.compare(0, 16, "--configuration=") == 0) files = {a.substr(16)};
    }
    for (std::string_view dir : {"/etc/supervisor/conf.d", "/etc/supervisord.d"}) {
      for (const std::string& name : stage_.files.list(dir))
        files.push_back(std::string(dir) + "/" + name);
    }
    for (const std::string& file : files) {
      FileLookup found =
          stage_.files.find(file.front() == '/' ? file : stage_.workdir + "/" + file);
      if (found.state != FileLookup::State::kKnown) continue;
      std::string program;
      size_t start = 0;
      const std::string& text = found.text;
      while (start < text.size()) {
        size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? end : end - start);
        start = end == std::string::npos ? text.size() : end + 1;
        line.erase(0, line.find_first_not_of(" \t"));
        if (line.compare(0, 9, "[program:") == 0) {
          program = line.substr(9, line.find(']') - 9);
          result_.supervised.push_back({program, "", false});
        } else if (!line.empty() && line[0] == '[') {
          program.clear();
        } else if (!program.empty()) {
          size_t eq = line.find('=');
          if (eq == std::string::npos) continue;
          std::string key = line.substr(0, eq);
          key.erase(key.find_last_not_of(" \t") + 1);
          size_t from = line.find_first_not_of(" \t", eq + 1);
          std::string value = from == std::string::npos ? "" : line.substr(from);
          value.erase(value.find_last_not_of(" \t\r") + 1);
          if (key == "user")
            result_.supervised.back().user = value == "0" || value == "root" ? "" : value;
          if (key == "autorestart") result_.supervised.back().oneshot = value == "false";
        }
      }
    }
  }

  // s6-overlay's /init runs every service's run script; the application is one.
  void add_services() {
    add_service_directory("/etc/s6-overlay/s6-rc.d");
    add_service_directory("/etc/services.d");
  }

  void add_service_directory(const std::string& dir) {
    std::string absolute = normalize_path(dir.front() == '/' ? dir : stage_.workdir + "/" + dir);
    FileLookup tree = stage_.files.find(absolute);
    if (tree.state == FileLookup::State::kUnknown) {
      result_.hidden.push_back("the services in " + absolute + " (placed at line " +
                               std::to_string(tree.line) + ", contents unknown)");
      return;
    }
    for (const std::string& name : stage_.files.list(absolute)) {
      std::string run = absolute;
      run.append("/").append(name).append("/run");
      FileLookup found = stage_.files.find(run);
      if (found.state == FileLookup::State::kKnown) add_script(run, found.text, std::nullopt);
    }
  }

  const Stage& stage_;
  Startup result_;
  std::vector<std::string> visited_;
};

// Whom a drop tool switches to, as written: `gosu app ...` → "app".
std::string drop_target(const SimpleCommand& command) {
  std::vector<std::string> words = {command.program};
  words.insert(words.end(), command.arguments.begin(), command.arguments.end());
  for (size_t i = 0; i < words.size(); ++i) {
    std::string name = basename_of(words[i]);
    auto operand_after = [&](size_t from) -> std::string {
      for (size_t j = from; j < words.size(); ++j) {
        if (!words[j].empty() && words[j][0] != '-') return words[j];
      }
      return "";
    };
    auto option = [&](std::string_view flag) -> std::string {
      for (size_t j = i + 1; j < words.size(); ++j) {
        if (words[j] == flag && j + 1 < words.size()) return words[j + 1];
        if (words[j].compare(0, flag.size() + 1, std::string(flag) + "=") == 0)
          return words[j].substr(flag.size() + 1);
      }
      return "";
    };
    std::string user;
    if (name == "gosu" || name == "su-exec" || name == "s6-setuidgid" || name == "setuidgid" ||
        name == "setuser") {
      user = operand_after(i + 1);
    } else if (name == "unroot" && i + 1 < words.size() && words[i + 1] == "exec") {
      user = option("--user");
      if (user.empty()) user = operand_after(i + 2);
    } else if (name == "unroot" || name == "capsh") {
      user = option("--user");
    } else if (name == "runuser" || name == "chpst") {
      user = option("-u");
    } else if (name == "setpriv") {
      user = option("--reuid");
    } else if (name == "chroot") {
      user = option("--userspec");
    } else if (name == "start-stop-daemon") {
      user = option("--chuid");
    } else {
      continue;
    }
    return user.substr(0, user.find(':'));
  }
  return "";
}

}  // namespace

FileLookup find_program(const Stage& stage, const std::string& program) {
  if (program.empty() || program.find_first_of("$`") != std::string::npos) return {};
  if (program.find('/') != std::string::npos) {
    return stage.files.find(program.front() == '/' ? program : stage.workdir + "/" + program);
  }
  size_t start = 0;
  while (start <= stage.path.size()) {
    size_t colon = stage.path.find(':', start);
    std::string dir = stage.path.substr(start, colon == std::string::npos ? colon : colon - start);
    if (!dir.empty()) {
      FileLookup found = stage.files.find(dir.append("/").append(program));
      if (found.state != FileLookup::State::kAbsent) return found;
    }
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return {};
}

std::vector<std::string> application_files(const Stage& stage, const Startup& started) {
  std::vector<std::string> files;
  auto add = [&files](const FileLookup& found) {
    if (found.state == FileLookup::State::kAbsent) return;
    if (std::find(files.begin(), files.end(), found.path) == files.end()) {
      files.push_back(found.path);
    }
  };
  for (const StartupCommand& startup : started.commands) {
    const SimpleCommand& command = startup.command;
    if (!privilege_drop_tool(command).empty()) continue;
    // What a script runs on the way (tests, chown, echo) is not the application.
    bool execs = std::find(command.via.begin(), command.via.end(), "exec") != command.via.end();
    if (!startup.script.empty() && !execs && !startup.ends_script) continue;
    add(find_program(stage, command.program));
    // An interpreter's script: its first operand that names a file.
    static constexpr std::string_view kInterpreters[] = {
        "python", "python2", "python3", "node", "nodejs", "ruby",    "perl",
        "php",    "java",    "bun",     "deno", "uwsgi",  "gunicorn"};
    std::string name = command.name();
    bool interpreter = std::any_of(std::begin(kInterpreters), std::end(kInterpreters),
                                   [&](std::string_view i) { return name == i; }) ||
                       name.compare(0, 6, "python") == 0;
    if (!interpreter) continue;
    // Its path counts even when the build's placement is hidden (npm install):
    // whoever owns it or a directory above it can rewrite it.
    for (const std::string& word : command.arguments) {
      if (word.empty() || word[0] == '-' || word.find('$') != std::string::npos) continue;
      std::string path = normalize_path(word.front() == '/' ? word : stage.workdir + "/" + word);
      if (std::find(files.begin(), files.end(), path) == files.end()) files.push_back(path);
      break;
    }
  }
  return files;
}

Startup startup_of(const Stage& stage) { return StartupWalk(stage).run(); }

DropVerdict entrypoint_drop(const BuildModel& model, const Stage& stage, const Startup& started) {
  const std::vector<StartupCommand>& commands = started.commands;
  DropVerdict undecided;
  std::string not_on_path;
  for (const StartupCommand& startup : commands) {
    const SimpleCommand& command = startup.command;
    std::string tool = privilege_drop_tool(command);
    if (tool.empty()) continue;
    std::string where = tool + " at line " + std::to_string(command.line) + " of " + startup.script;
    if (startup.script.empty()) return {DropVerdict::Kind::kDrops, tool, drop_target(command), ""};
    bool passes = passes_arguments(command.program) ||
                  std::any_of(command.arguments.begin(), command.arguments.end(),
                              [](const std::string& w) { return passes_arguments(w); });
    bool execs = std::find(command.via.begin(), command.via.end(), "exec") != command.via.end();
    if (!passes && !execs && !startup.ends_script) {
      if (not_on_path.empty()) not_on_path = where + " runs a side command, not the application";
      continue;
    }
    std::optional<bool> on_path = startup.runs;
    const std::string& condition = startup.condition;
    if (on_path == true) {
      bool service = startup.script.size() > 4 &&
                     startup.script.compare(startup.script.size() - 4, 4, "/run") == 0;
      std::string tool_named = service ? tool + " in " + startup.script : tool;
      return {DropVerdict::Kind::kDrops, tool_named, drop_target(command), ""};
    }
    if (on_path == false) {
      if (not_on_path.empty())
        not_on_path = where.append(" runs only ").append(condition).append(", not on start");
      continue;
    }
    if (undecided.tool.empty()) {
      undecided = {
          DropVerdict::Kind::kUndecided, tool, drop_target(command),
          where.append(" runs only ").append(condition).append(", which lint cannot decide")};
    }
  }
  if (!undecided.tool.empty()) return undecided;
  if (started.supervisor) {
    // The application is what supervisord keeps running; a program with
    // autorestart=false is a helper that runs once.
    std::vector<Startup::Program> served;
    for (const auto& program : started.supervised) {
      if (!program.oneshot) served.push_back(program);
    }
    if (served.empty()) {
      return {DropVerdict::Kind::kUndecided, "", "",
              "its entrypoint starts supervisord, whose programs the build does not show"};
    }
    auto as_root = std::find_if(served.begin(), served.end(),
                                [](const auto& program) { return program.user.empty(); });
    if (as_root == served.end()) {
      return {DropVerdict::Kind::kDrops, "supervisord user=" + served.front().user,
              served.front().user, ""};
    }
    return {DropVerdict::Kind::kNone, "", "",
            "supervisord runs program " + as_root->name + " as root"};
  }
  if (!started.hidden.empty()) {
    return {DropVerdict::Kind::kUndecided, "", "",
            "its entrypoint runs " + started.hidden.front() + ", so whether it drops is unknown"};
  }
  if (!stage.entrypoint.known) {
    const Stage* first = &stage;
    while (first->parent >= 0) first = &model.stages[static_cast<size_t>(first->parent)];
    return {DropVerdict::Kind::kUndecided, "", "",
            "its entrypoint comes from the base image " + first->base +
                ", which the engine does not know: whether it drops is unknown"};
  }
  return {DropVerdict::Kind::kNone, "", "",
          not_on_path.empty() ? "nothing in its entrypoint drops privileges"
                              : "no drop reaches the application: " + not_on_path};
}

}  // namespace unroot::lint
