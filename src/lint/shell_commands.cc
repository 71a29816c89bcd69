#include "lint/shell_commands.h"

#include <algorithm>
#include <array>

namespace unroot::lint {
namespace {

// A word, or an operator that ends a simple command.
struct Token {
  std::string text;
  bool separator = false;  ///< && || ; | & newline ( ) and friends
  bool quoted = false;     ///< any part was quoted: never an operator or keyword
  int line = 1;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  int line = 1;
  size_t i = 0;
  auto separator = [&](std::string text) {
    tokens.push_back({std::move(text), true, false, line});
  };
  while (i < s.size()) {
    char c = s[i];
    if (is_blank(c)) {
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < s.size() && s[i + 1] == '\n') {
      i += 2;
      ++line;
      continue;
    }
    if (c == '\n') {
      separator("\n");
      ++line;
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
      bool doubled = i + 1 < s.size() && s[i + 1] == c && c != '(' && c != ')';
      separator(std::string(doubled ? 2 : 1, c));
      i += doubled ? 2 : 1;
      continue;
    }
    if (c == '>' || c == '<') {
      // A redirection: the operator and its target become one token, so the
      // target is never read as an argument.
      size_t start = i;
      while (i < s.size() && (s[i] == '>' || s[i] == '<' || s[i] == '&')) ++i;
      std::string op(s.substr(start, i - start));
      while (i < s.size() && is_blank(s[i])) ++i;
      Token target{op, false, false, line};
      while (i < s.size() && !is_blank(s[i]) && s[i] != '\n' && s[i] != ';' && s[i] != '|' &&
             s[i] != '&' && s[i] != ')') {
        if (s[i] == '\'' || s[i] == '"') {
          char quote = s[i++];
          while (i < s.size() && s[i] != quote) target.text.push_back(s[i++]);
          if (i < s.size()) ++i;
        } else {
          target.text.push_back(s[i++]);
        }
      }
      tokens.push_back(std::move(target));
      continue;
    }
    Token word{"", false, false, line};
    while (i < s.size() && !is_blank(s[i]) && s[i] != '\n' && s[i] != ';' && s[i] != '&' &&
           s[i] != '|' && s[i] != '(' && s[i] != ')' && s[i] != '>' && s[i] != '<') {
      char d = s[i];
      if (d == '\'') {
        word.quoted = true;
        size_t close = s.find('\'', i + 1);
        size_t end = close == std::string_view::npos ? s.size() : close;
        word.text.append(s.substr(i + 1, end - i - 1));
        i = close == std::string_view::npos ? s.size() : close + 1;
      } else if (d == '"') {
        word.quoted = true;
        ++i;
        while (i < s.size() && s[i] != '"') {
          if (s[i] == '\\' && i + 1 < s.size() &&
              (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`')) {
            ++i;
          }
          if (s[i] == '\n') ++line;
          word.text.push_back(s[i++]);
        }
        if (i < s.size()) ++i;
      } else if (d == '\\' && i + 1 < s.size()) {
        word.quoted = true;
        word.text.push_back(s[i + 1]);
        i += 2;
      } else if ((d == '$' && i + 1 < s.size() && s[i + 1] == '(') || d == '`') {
        // A command substitution is one word with its blanks: $(id -u), `id -u`.
        size_t end = i + 1;
        if (d == '`') {
          end = s.find('`', i + 1);
        } else {
          int depth = 0;
          for (; end < s.size(); ++end) {
            if (s[end] == '(') ++depth;
            if (s[end] == ')' && --depth == 0) break;
          }
        }
        end = end == std::string_view::npos || end >= s.size() ? s.size() : end + 1;
        for (size_t k = i; k < end; ++k) line += s[k] == '\n' ? 1 : 0;
        word.text.append(s.substr(i, end - i));
        i = end;
      } else {
        word.text.push_back(d);
        ++i;
      }
    }
    tokens.push_back(std::move(word));
  }
  return tokens;
}

bool is_assignment(const std::string& word) {
  size_t eq = word.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  return std::all_of(word.begin(), word.begin() + static_cast<long>(eq), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

constexpr std::array<std::string_view, 13> kKeywords = {
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "esac"};

// Options of a prefix that take a value, so the value is not the program.
bool option_takes_value(std::string_view prefix, std::string_view option) {
  if (prefix == "sudo") {
    return option == "-u" || option == "-g" || option == "-C" || option == "-D" || option == "-h" ||
           option == "-p" || option == "-U" || option == "-r" || option == "-t" || option == "-T";
  }
  if (prefix == "doas") return option == "-u" || option == "-C";
  if (prefix == "env") return option == "-u" || option == "-C" || option == "-S";
  if (prefix == "nice") return option == "-n";
  return false;
}

void add_commands(std::string_view script, const std::vector<std::string>& via, int first_line,
                  int depth, std::vector<SimpleCommand>& out);

// One simple command's words: strips keywords, assignments and prefixes,
// descends into `sh -c`.
void add_command(std::vector<Token> tokens, std::vector<std::string> via, int depth,
                 std::vector<SimpleCommand>& out) {
  SimpleCommand command;
  command.via = std::move(via);
  // Redirections may stand anywhere, even before the program (`<<EOF cat`).
  std::vector<Token> words;
  for (Token& token : tokens) {
    const std::string& text = token.text;
    if (!token.quoted && !text.empty() && (text[0] == '>' || text[0] == '<')) {
      size_t target = text.find_first_not_of("<>&");
      if (text[0] == '>' && target != std::string::npos)
        command.writes.push_back(text.substr(target));
      continue;
    }
    words.push_back(std::move(token));
  }
  size_t i = 0;
  for (;;) {
    while (i < words.size() && !words[i].quoted &&
           std::find(kKeywords.begin(), kKeywords.end(), words[i].text) != kKeywords.end()) {
      ++i;
    }
    if (i < words.size() && !words[i].quoted &&
        (words[i].text == "for" || words[i].text == "case")) {
      return;  // `for x in a b` and `case x in` run no program themselves
    }
    while (i < words.size() && is_assignment(words[i].text)) ++i;
    if (i >= words.size()) return;
    std::string name = base_name(words[i].text);
    bool prefix = name == "sudo" || name == "doas" || name == "env" || name == "exec" ||
                  name == "command" || name == "nohup" || name == "time" || name == "nice";
    if (!prefix) break;
    command.via.push_back(name);
    ++i;
    while (i < words.size() && words[i].text.size() > 1 && words[i].text[0] == '-') {
      const std::string& option = words[i].text;
      bool takes = option_takes_value(name, option);
      // sudo and doas to a user other than root are a drop, not a way to root.
      if (name == "sudo" || name == "doas") {
        std::string target;
        if (option.compare(0, 7, "--user=") == 0) target = option.substr(7);
        if ((option == "-u" || option == "--user") && i + 1 < words.size())
          target = words[i + 1].text;
        if (!target.empty() && target != "root" && target != "0" && target != "#0")
          command.via.back() = name + " -u";
      }
      if (option == "--user") takes = true;
      ++i;
      if (takes && i < words.size()) ++i;
    }
  }
  command.program = words[i].text;
  command.line = words[i].line;
  for (size_t j = i + 1; j < words.size(); ++j) command.arguments.push_back(words[j].text);
  std::string name = command.name();
  bool shell = name == "sh" || name == "bash" || name == "ash" || name == "dash" || name == "zsh";
  if (shell && depth < 8) {
    for (size_t j = 0; j + 1 < command.arguments.size(); ++j) {
      const std::string& option = command.arguments[j];
      if (option.size() > 1 && option[0] == '-' && option.find('c') != std::string::npos) {
        command.via.push_back(name + " -c");
        add_commands(command.arguments[j + 1], command.via, command.line, depth + 1, out);
        return;
      }
    }
  }
  out.push_back(std::move(command));
}

// The if and case statements around a point of a script.
class Branches {
 public:
  // Takes the segment's leading keywords into account and returns how many
  // words they are; `condition` says the rest is an if's condition.
  size_t enter(const std::vector<Token>& words, const std::string& before, bool& condition) {
    size_t i = 0;
    bool negated = false;
    for (; i < words.size() && !words[i].quoted; ++i) {
      const std::string& word = words[i].text;
      if (word == "if") {
        frames_.push_back({});
      } else if (word == "elif" && in_if()) {
        frames_.back().failed.push_back({frames_.back().current, frames_.back().current_id});
        frames_.back().current.clear();
        frames_.back().collecting = true;
        frames_.back().conditions_seen = 0;
      } else if (word == "then" && in_if()) {
        frames_.back().collecting = false;
      } else if (word == "else" && in_if()) {
        frames_.back().failed.push_back({frames_.back().current, frames_.back().current_id});
        frames_.back().current.clear();
        frames_.back().in_else = true;
      } else if ((word == "fi" && in_if()) || (word == "esac" && in_case())) {
        frames_.pop_back();
      } else if (word == "case") {
        frames_.push_back({});
        frames_.back().is_case = true;
        frames_.back().collecting = false;
        frames_.back().in_else = true;  // no branch until its first pattern
        if (i + 1 < words.size()) frames_.back().case_word = words[i + 1].text;
        expecting_pattern_ = true;
        return words.size();  // `case WORD in` runs nothing
      } else if (word == "!") {
        negated = true;
      } else if (std::find(kKeywords.begin(), kKeywords.end(), word) == kKeywords.end()) {
        break;
      }
    }
    condition = in_if() && frames_.back().collecting;
    if (condition && i < words.size()) {
      Frame& frame = frames_.back();
      std::vector<std::string> test = texts(words, i, negated);
      if (frame.conditions_seen++ == 0) {
        frame.current = test;
        frame.current_id = ++ids_;
      } else if ((before == "&&" || before == "||") && !frame.current.empty()) {
        frame.current.push_back(before);
        frame.current.insert(frame.current.end(), test.begin(), test.end());
      } else {
        frame.current.clear();  // a condition lint cannot read as tests
      }
    }
    return i;
  }

  bool in_case() const { return !frames_.empty() && frames_.back().is_case; }

  // A case statement's `PATTERN|PATTERN)`: true when `words` was one, ended
  // by `after` ("|" for more, ")" for the branch).
  bool take_pattern(const std::vector<Token>& words, const std::string& after) {
    if (!in_case() || !expecting_pattern_) return false;
    Frame& frame = frames_.back();
    for (const Token& word : words) {
      if (word.text != "(") frame.patterns.push_back(word.text);
    }
    if (after == ")") {
      expecting_pattern_ = false;
      frame.current = {"case", frame.case_word};
      frame.current.insert(frame.current.end(), frame.patterns.begin(), frame.patterns.end());
      frame.current_id = ++ids_;
      frame.in_else = false;
      frame.patterns.clear();
    }
    return true;
  }

  // `;;`: the branch ends; an earlier pattern that matched takes the case.
  void end_case_branch() {
    if (!in_case()) return;
    Frame& frame = frames_.back();
    if (!frame.in_else) frame.failed.push_back({frame.current, frame.current_id});
    frame.in_else = true;
    expecting_pattern_ = true;
  }
  int next_id() { return ++ids_; }

  std::vector<Guard> guards() const {
    std::vector<Guard> out;
    for (const Frame& frame : frames_) {
      if (frame.collecting) continue;
      for (const auto& [failed, id] : frame.failed) out.push_back({failed, false, false, id});
      if (!frame.in_else) out.push_back({frame.current, true, false, frame.current_id});
    }
    return out;
  }

  static std::vector<std::string> texts(const std::vector<Token>& words, size_t from,
                                        bool negated) {
    std::vector<std::string> out;
    if (negated) out.emplace_back("!");
    for (size_t i = from; i < words.size(); ++i) out.push_back(words[i].text);
    return out;
  }

 private:
  struct Frame {
    bool is_case = false;
    bool collecting = true;
    bool in_else = false;
    int conditions_seen = 0;
    std::vector<std::string> current;
    int current_id = 0;
    std::vector<std::pair<std::vector<std::string>, int>> failed;
    std::string case_word;
    std::vector<std::string> patterns;  ///< a case's patterns read so far
  };
  bool in_if() const { return !frames_.empty() && !frames_.back().is_case; }
  std::vector<Frame> frames_;
  int ids_ = 0;
  bool expecting_pattern_ = false;
};

bool is_test(const std::string& program) {
  return program == "[" || program == "[[" || program == "test";
}

void add_commands(std::string_view script, const std::vector<std::string>& via, int first_line,
                  int depth, std::vector<SimpleCommand>& out) {
  std::vector<Token> tokens = tokenize(script);
  Branches branches;
  // `a && b`: b runs when a succeeds; the chain's conditions, until `;`.
  std::vector<Guard> chain;
  std::vector<std::string> last_words;
  std::string before;  // the separator before the segment
  std::vector<Token> words;
  auto flush = [&](const std::string& after) {
    if (words.empty()) return;
    for (Token& token : words) token.line += first_line - 1;
    bool condition = false;
    size_t skip = branches.enter(words, before, condition);
    // `pattern)` in a case statement is no command.
    bool pattern =
        skip == 0 && (after == ")" || after == "|") && branches.take_pattern(words, after);
    if (skip < words.size() && !pattern) {
      std::vector<Token> rest(words.begin() + static_cast<long>(skip), words.end());
      // Only `a && b` and `a || b` need a's words, as b's condition.
      if (after == "&&" || after == "||") {
        last_words = Branches::texts(rest, 0, false);
      } else {
        last_words.clear();
      }
      size_t first = out.size();
      add_command(std::move(rest), via, depth, out);
      std::vector<Guard> guards = branches.guards();
      guards.insert(guards.end(), chain.begin(), chain.end());
      for (size_t i = first; i < out.size(); ++i) {
        out[i].guards.insert(out[i].guards.begin(), guards.begin(), guards.end());
        out[i].background = after == "&";
      }
    } else if (skip >= words.size()) {
      last_words.clear();
    }
    words.clear();
  };
  for (Token& token : tokens) {
    if (!token.separator) {
      words.push_back(std::move(token));
      continue;
    }
    flush(token.text);
    if (token.text == ";;" || token.text == ";&") branches.end_case_branch();
    if (token.text == "&&" || token.text == "||") {
      bool test = !last_words.empty() && is_test(last_words[0]);
      chain.push_back({last_words, token.text == "&&", !test, branches.next_id()});
    } else if (token.text != "|") {
      chain.clear();
    }
    before = token.text;
  }
  flush("");
}

}  // namespace

std::string SimpleCommand::name() const { return base_name(program); }

std::string base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
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

namespace {

// A bracket expression at pattern[at] ('['): whether `c` is in it; `end` gets
// the index after its ']'. False with end = npos when it is not closed.
bool in_class(std::string_view pattern, size_t at, char c, size_t& end) {
  size_t i = at + 1;
  bool negated = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negated) ++i;
  bool found = false;
  for (bool first = true; i < pattern.size() && (first || pattern[i] != ']'); first = false) {
    char low = pattern[i];
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      found = found || (c >= low && c <= pattern[i + 2]);
      i += 3;
    } else {
      found = found || c == low;
      ++i;
    }
  }
  if (i >= pattern.size()) {
    end = std::string_view::npos;
    return false;
  }
  end = i + 1;
  return found != negated;
}

}  // namespace

bool matches_pattern(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0;
  // Where the last `*` was, to let it take one more character on a mismatch.
  size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
      continue;
    }
    if (p < pattern.size()) {
      size_t next = p + 1;
      bool same = false;
      if (pattern[p] == '?') {
        same = true;
      } else if (pattern[p] == '[') {
        same = in_class(pattern, p, text[t], next);
        if (next == std::string_view::npos) {  // an unclosed '[' is itself
          same = text[t] == '[';
          next = p + 1;
        }
      } else if (pattern[p] == '\\' && p + 1 < pattern.size()) {
        same = pattern[p + 1] == text[t];
        next = p + 2;
      } else {
        same = pattern[p] == text[t];
      }
      if (same) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star == std::string_view::npos) return false;
    p = star + 1;
    t = ++resume;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<SimpleCommand> split_shell(std::string_view script) {
  std::vector<SimpleCommand> commands;
  add_commands(script, {}, 1, 0, commands);
  return commands;
}

}  // namespace unroot::lint
