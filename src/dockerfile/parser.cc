#include "dockerfile/parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "dockerfile/json_strings.h"

namespace unroot::dockerfile {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct PhysicalLine {
  std::string_view text;
  int number;
};

std::vector<PhysicalLine> split_lines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<PhysicalLine> lines;
  int number = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({line, ++number});
  }
  return lines;
}

size_t first_non_blank(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_blank(s[i])) ++i;
  return i;
}

bool is_empty_or_comment(std::string_view line) {
  size_t i = first_non_blank(line);
  return i == line.size() || line[i] == '#';
}

constexpr std::array<std::string_view, 18> kKeywords = {
    "ADD",    "ARG",   "CMD",         "COPY",  "ENTRYPOINT", "ENV",
    "EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
    "RUN",    "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",     "WORKDIR"};

// Flags each instruction accepts; BuildKit refuses others.
std::vector<std::string_view> flags_of(std::string_view keyword) {
  if (keyword == "FROM") return {"platform"};
  if (keyword == "RUN") return {"mount", "network", "security"};
  if (keyword == "COPY") return {"from", "chown", "chmod", "link", "parents", "exclude"};
  if (keyword == "ADD") {
    return {"chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"};
  }
  if (keyword == "HEALTHCHECK") {
    return {"interval", "timeout", "start-period", "start-interval", "retries"};
  }
  return {};
}

bool takes_exec_form(std::string_view keyword) {
  return keyword == "RUN" || keyword == "CMD" || keyword == "ENTRYPOINT" || keyword == "SHELL" ||
         keyword == "COPY" || keyword == "ADD" || keyword == "VOLUME";
}

bool takes_heredocs(std::string_view keyword) {
  return keyword == "RUN" || keyword == "COPY" || keyword == "ADD";
}

// A blank-delimited word from `pos`, quotes removed: its text, where it
// ends, whether any part was quoted, and whether a quote was left open.
struct QuotedWord {
  std::string text;
  size_t end = 0;
  bool quoted = false;
  bool open_quote = false;
};

QuotedWord read_quoted_word(const std::string& text, size_t pos) {
  QuotedWord word;
  char quote = 0;
  for (word.end = pos; word.end < text.size(); ++word.end) {
    char c = text[word.end];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        word.text.push_back(c);
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      word.quoted = true;
    } else if (is_blank(c)) {
      break;
    } else {
      word.text.push_back(c);
    }
  }
  word.open_quote = quote != 0;
  return word;
}

// A logical line: the text of one instruction with continuations joined, and
// where each of its pieces came from.
class LogicalLine {
 public:
  void append(std::string_view piece, int line, int column) {
    segments_.push_back({text_.size(), line, column});
    text_.append(piece);
  }
  const std::string& text() const { return text_; }
  Position at(size_t offset) const {
    auto it = std::upper_bound(segments_.begin(), segments_.end(), offset,
                               [](size_t o, const Segment& s) { return o < s.offset; });
    if (it == segments_.begin()) return {0, 0};
    --it;
    return {it->line, it->column + static_cast<int>(offset - it->offset)};
  }

 private:
  struct Segment {
    size_t offset;
    int line;
    int column;
  };
  std::string text_;
  std::vector<Segment> segments_;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : lines_(split_lines(text)) {}

  Result<Dockerfile, SyntaxError> run() {
    if (auto failed = read_directives()) return *failed;
    while (next_ < lines_.size()) {
      if (is_empty_or_comment(lines_[next_].text)) {
        std::string_view line = lines_[next_].text;
        size_t hash = first_non_blank(line);
        if (hash < line.size()) {
          std::string_view comment = line.substr(hash + 1);
          comment.remove_prefix(first_non_blank(comment));
          while (!comment.empty() && is_blank(comment.back())) comment.remove_suffix(1);
          file_.comments.push_back({lines_[next_].number, std::string(comment)});
        }
        ++next_;
        continue;
      }
      LogicalLine logical = join_continuations();
      auto instruction = parse_instruction(logical, 0, false);
      if (!instruction) return instruction.error();
      Instruction& with_heredocs = instruction->triggered ? *instruction->triggered : *instruction;
      if (auto failed = read_heredocs(with_heredocs)) return *failed;
      instruction->end_line = with_heredocs.end_line;
      file_.instructions.push_back(std::move(*instruction));
    }
    return std::move(file_);
  }

 private:
  std::optional<SyntaxError> read_directives() {
    std::vector<std::string> seen;
    for (; next_ < lines_.size(); ++next_) {
      std::string_view line = lines_[next_].text;
      size_t i = first_non_blank(line);
      if (i == line.size() || line[i] != '#') return std::nullopt;
      size_t start = i + 1;
      while (start < line.size() && is_blank(line[start])) ++start;
      size_t name_end = start;
      while (name_end < line.size() && std::isalnum(static_cast<unsigned char>(line[name_end]))) {
        ++name_end;
      }
      size_t eq = name_end;
      while (eq < line.size() && is_blank(line[eq])) ++eq;
      if (name_end == start || !std::isalpha(static_cast<unsigned char>(line[start])) ||
          eq >= line.size() || line[eq] != '=') {
        return std::nullopt;  // an ordinary comment ends the directives
      }
      std::string name = lower(line.substr(start, name_end - start));
      std::string_view value = line.substr(eq + 1);
      value.remove_prefix(first_non_blank(value));
      while (!value.empty() && is_blank(value.back())) value.remove_suffix(1);
      if (value.empty()) return std::nullopt;
      Position where{lines_[next_].number, static_cast<int>(i) + 1};
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
        return SyntaxError{where, "only one " + name + " parser directive can be used"};
      }
      seen.push_back(name);
      if (name == "escape") {
        if (value != "\\" && value != "`") {
          return SyntaxError{where, "invalid escape token \"" + std::string(value) +
                                        "\": use \\ or ` (a backtick)"};
        }
        file_.escape = value[0];
      }
      file_.directives.push_back({name, std::string(value), where});
    }
    return std::nullopt;
  }

  // Reads one instruction's lines: a line ending in the escape character
  // (blanks after it allowed) continues on the next; comment and empty lines
  // inside a continuation are skipped, as BuildKit does.
  LogicalLine join_continuations() {
    LogicalLine logical;
    const PhysicalLine& first = lines_[next_];
    size_t indent = first_non_blank(first.text);
    std::string_view piece = first.text.substr(indent);
    int column = static_cast<int>(indent) + 1;
    int line = first.number;
    ++next_;
    for (;;) {
      std::string_view trimmed = piece;
      while (!trimmed.empty() && is_blank(trimmed.back())) trimmed.remove_suffix(1);
      bool continues = !trimmed.empty() && trimmed.back() == file_.escape;
      if (!continues) {
        logical.append(piece, line, column);
        end_line_ = line;
        return logical;
      }
      logical.append(trimmed.substr(0, trimmed.size() - 1), line, column);
      end_line_ = line;
      while (next_ < lines_.size() && is_empty_or_comment(lines_[next_].text)) ++next_;
      if (next_ == lines_.size()) return logical;
      piece = lines_[next_].text;
      line = lines_[next_].number;
      column = 1;
      ++next_;
    }
  }

  Result<Instruction, SyntaxError> parse_instruction(const LogicalLine& logical, size_t offset,
                                                     bool in_onbuild) {
    const std::string& text = logical.text();
    size_t end = offset;
    while (end < text.size() && !is_blank(text[end])) ++end;
    Instruction instruction;
    instruction.keyword = upper(std::string_view(text).substr(offset, end - offset));
    instruction.position = logical.at(offset);
    instruction.end_line = end_line_;
    if (std::find(kKeywords.begin(), kKeywords.end(), instruction.keyword) == kKeywords.end()) {
      return SyntaxError{instruction.position,
                         "unknown instruction: " + std::string(text.substr(offset, end - offset))};
    }
    if (in_onbuild && (instruction.keyword == "ONBUILD" || instruction.keyword == "FROM" ||
                       instruction.keyword == "MAINTAINER")) {
      return SyntaxError{instruction.position,
                         instruction.keyword + " isn't allowed as an ONBUILD trigger"};
    }
    size_t pos = end;
    while (pos < text.size() && is_blank(text[pos])) ++pos;

    if (instruction.keyword == "ONBUILD") {
      if (pos == text.size())
        return SyntaxError{instruction.position, "ONBUILD requires an instruction"};
      auto triggered = parse_instruction(logical, pos, true);
      if (!triggered) return triggered.error();
      instruction.arguments = text.substr(pos);
      instruction.arguments_position = logical.at(pos);
      instruction.triggered = std::make_shared<Instruction>(std::move(*triggered));
      return instruction;
    }

    std::vector<std::string_view> allowed = flags_of(instruction.keyword);
    while (!allowed.empty() && text.compare(pos, 2, "--") == 0) {
      QuotedWord read = read_quoted_word(text, pos);
      if (read.open_quote) return SyntaxError{logical.at(pos), "unterminated quote in flag"};
      size_t flag_end = read.end;
      const std::string& word = read.text;
      Flag flag;
      flag.position = logical.at(pos);
      size_t eq = word.find('=');
      flag.name = word.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) {
        flag.value = word.substr(eq + 1);
        flag.has_value = true;
      }
      if (flag.name.empty()) {
        pos = flag_end;
        while (pos < text.size() && is_blank(text[pos])) ++pos;
        break;  // `--` ends the flags
      }
      if (std::find(allowed.begin(), allowed.end(), flag.name) == allowed.end()) {
        return SyntaxError{flag.position,
                           "unknown flag for " + instruction.keyword + ": --" + flag.name};
      }
      instruction.flags.push_back(std::move(flag));
      pos = flag_end;
      while (pos < text.size() && is_blank(text[pos])) ++pos;
    }

    std::string_view arguments = std::string_view(text).substr(pos);
    while (!arguments.empty() && is_blank(arguments.back())) arguments.remove_suffix(1);
    instruction.arguments = arguments;
    instruction.arguments_position = logical.at(pos);
    if (instruction.keyword == "HEALTHCHECK") {
      size_t word_end = 0;
      while (word_end < arguments.size() && !is_blank(arguments[word_end])) ++word_end;
      if (upper(arguments.substr(0, word_end)) == "CMD") {
        size_t rest = word_end;
        while (rest < arguments.size() && is_blank(arguments[rest])) ++rest;
        read_exec_form(instruction, arguments.substr(rest));
      }
    } else if (takes_exec_form(instruction.keyword)) {
      read_exec_form(instruction, arguments);
    }
    if (instruction.keyword == "SHELL" && !instruction.exec_form) {
      return SyntaxError{instruction.arguments_position,
                         "SHELL requires the arguments in JSON form"};
    }
    if (arguments.empty() && instruction.keyword != "CMD" && instruction.keyword != "ENTRYPOINT") {
      return SyntaxError{instruction.position,
                         instruction.keyword + " requires at least one argument"};
    }
    if (takes_heredocs(instruction.keyword) && !instruction.exec_form) {
      find_heredoc_markers(instruction, logical, pos);
    }
    return instruction;
  }

  static void read_exec_form(Instruction& instruction, std::string_view arguments) {
    if (arguments.empty() || arguments.front() != '[') return;
    auto items = parse_json_string_array(arguments);
    if (!items) return;
    instruction.exec_form = true;
    instruction.json = std::move(*items);
  }

  // `<<WORD`, `<<-WORD`, `<<"WORD"`: words of the shell form, quotes respected.
  static void find_heredoc_markers(Instruction& instruction, const LogicalLine& logical,
                                   size_t start) {
    const std::string& text = logical.text();
    size_t i = start;
    while (i < text.size()) {
      while (i < text.size() && is_blank(text[i])) ++i;
      size_t word_start = i;
      QuotedWord read = read_quoted_word(text, i);
      i = read.end;
      const std::string& word = read.text;
      bool quoted = read.quoted;
      // The `<<` itself must be unquoted; the word after it may be quoted.
      bool marker = text.compare(word_start, 2, "<<") == 0;
      if (!marker || word.size() < 3 || word[2] == '<') continue;
      Heredoc heredoc;
      heredoc.strip_tabs = word[2] == '-';
      heredoc.name = word.substr(heredoc.strip_tabs ? 3 : 2);
      heredoc.quoted = quoted;
      heredoc.position = logical.at(word_start);
      bool valid =
          !heredoc.name.empty() &&
          std::all_of(heredoc.name.begin(), heredoc.name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
          });
      if (valid) instruction.heredocs.push_back(std::move(heredoc));
    }
  }

  std::optional<SyntaxError> read_heredocs(Instruction& instruction) {
    for (Heredoc& heredoc : instruction.heredocs) {
      for (;;) {
        if (next_ == lines_.size()) {
          return SyntaxError{heredoc.position, "unterminated heredoc <<" + heredoc.name +
                                                   ": no line \"" + heredoc.name + "\" ends it"};
        }
        std::string_view line = lines_[next_].text;
        instruction.end_line = lines_[next_].number;
        ++next_;
        if (heredoc.strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        if (line == heredoc.name) break;
        heredoc.body.append(line).push_back('\n');
      }
    }
    return std::nullopt;
  }

  std::vector<PhysicalLine> lines_;
  size_t next_ = 0;
  int end_line_ = 0;
  Dockerfile file_;
};

}  // namespace

Result<Dockerfile, SyntaxError> parse_dockerfile(std::string_view text) {
  return Parser(text).run();
}

}  // namespace unroot::dockerfile
