#include "lint/startup.h"

#include <algorithm>
#include <map>

#include "identity/numeric_id.h"

namespace unroot::lint {
namespace {

using dockerfile::Variables;

// Whether a script's word passes on its own arguments ("$@", "$0", ...).
bool passes_arguments(std::string_view word) {
  for (std::string_view parameter : {"$@", "${@}", "$*", "${*}", "$0", "${0}"}) {
    if (word.find(parameter) != std::string_view::npos) return true;
  }
  return false;
}

// Whether words[at], unroot, drops: `unroot exec`, or `unroot init --user`.
bool is_unroot_drop(const std::vector<std::string>& words, size_t at) {
  if (at + 1 >= words.size()) return false;
  if (words[at + 1] == "exec") return true;
  if (words[at + 1] != "init") return false;
  return std::any_of(
      words.begin() + static_cast<long>(at) + 2, words.end(),
      [](const std::string& w) { return w == "--user" || w.compare(0, 7, "--user=") == 0; });
}

}  // namespace

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
    std::string name = base_name(words[i]);
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
  std::string name = base_name(path);
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
    bool shell_form = words.size() == 3 && words[1] == "-c" && base_name(words[0]) == "sh";
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
      if (!stage_.scratch && base_name(program).find("entrypoint") != std::string::npos &&
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
    std::string name = base_name(words[i]);
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
      // SPEC is the first operand; exec's options that take a value come
      // before it with theirs.
      static constexpr std::string_view kWithValue[] = {
          "--keep-cap", "--allow", "--write", "--uid", "--gid", "--uid-from", "--chown-path"};
      for (size_t j = i + 2; j < words.size() && user.empty(); ++j) {
        const std::string& word = words[j];
        if (word.empty() || word[0] != '-') {
          user = word;
        } else if (std::find(std::begin(kWithValue), std::end(kWithValue), word) !=
                   std::end(kWithValue)) {
          ++j;
        }
      }
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
    // Every script the start reads runs: `sh /start.sh` as much as `/start.sh`.
    if (!startup.script.empty()) add(stage.files.find(startup.script));
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
    std::vector<std::string> words = {command.program};
    words.insert(words.end(), command.arguments.begin(), command.arguments.end());
    if (startup.script.empty()) {
      return {DropVerdict::Kind::kDrops, tool, drop_target(command), std::move(words), ""};
    }
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
      return {DropVerdict::Kind::kDrops, tool_named, drop_target(command), std::move(words), ""};
    }
    if (on_path == false) {
      if (not_on_path.empty())
        not_on_path = where.append(" runs only ").append(condition).append(", not on start");
      continue;
    }
    if (undecided.tool.empty()) {
      undecided = {
          DropVerdict::Kind::kUndecided, tool, drop_target(command), std::move(words),
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
      return {DropVerdict::Kind::kUndecided,
              "",
              "",
              {},
              "its entrypoint starts supervisord, whose programs the build does not show"};
    }
    auto as_root = std::find_if(served.begin(), served.end(),
                                [](const auto& program) { return program.user.empty(); });
    if (as_root == served.end()) {
      return {DropVerdict::Kind::kDrops,
              "supervisord user=" + served.front().user,
              served.front().user,
              {},
              ""};
    }
    return {DropVerdict::Kind::kNone,
            "",
            "",
            {},
            "supervisord runs program " + as_root->name + " as root"};
  }
  if (!started.hidden.empty()) {
    return {DropVerdict::Kind::kUndecided,
            "",
            "",
            {},
            "its entrypoint runs " + started.hidden.front() + ", so whether it drops is unknown"};
  }
  if (!stage.entrypoint.known) {
    const Stage* first = &stage;
    while (first->parent >= 0) first = &model.stages[static_cast<size_t>(first->parent)];
    return {DropVerdict::Kind::kUndecided,
            "",
            "",
            {},
            "its entrypoint comes from the base image " + first->base +
                ", which the engine does not know: whether it drops is unknown"};
  }
  return {DropVerdict::Kind::kNone,
          "",
          "",
          {},
          not_on_path.empty() ? "nothing in its entrypoint drops privileges"
                              : "no drop reaches the application: " + not_on_path};
}

}  // namespace unroot::lint
