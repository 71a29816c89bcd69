#include "audit/sudo_rules.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>

#include "identity/numeric_id.h"

namespace unroot {
namespace {

struct Line {
  int number;
  std::string text;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

bool starts_with_word(std::string_view s, std::string_view word) {
  return s.substr(0, word.size()) == word && (s.size() == word.size() || is_blank(s[word.size()]));
}

// Joins backslash continuations; keeps the first physical line's number.
std::vector<Line> logical_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  std::string pending;
  int pending_number = 0;
  while (!text.empty()) {
    ++number;
    size_t eol = text.find('\n');
    std::string_view raw = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (pending.empty()) pending_number = number;
    while (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (!raw.empty() && raw.back() == '\\') {
      pending.append(raw.substr(0, raw.size() - 1)).push_back(' ');
      continue;
    }
    pending.append(raw);
    lines.push_back({pending_number, std::move(pending)});
    pending.clear();
  }
  if (!pending.empty()) lines.push_back({pending_number, std::move(pending)});
  return lines;
}

// Splits at the positions `is_separator` picks outside parentheses,
// trimming each piece and dropping empty ones.
template <typename IsSeparator>
std::vector<std::string_view> split_outside_parens(std::string_view s, IsSeparator is_separator) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '(') ++depth;
    if (i < s.size() && s[i] == ')' && depth > 0) --depth;
    if (i == s.size() || (depth == 0 && is_separator(i))) {
      std::string_view piece = trim(s.substr(start, i - start));
      if (!piece.empty()) out.push_back(piece);
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string_view> split_list(std::string_view s, char sep) {
  return split_outside_parens(s, [&](size_t i) { return s[i] == sep; });
}

bool is_tag(std::string_view word) {
  static constexpr std::string_view kTags[] = {
      "NOPASSWD",  "PASSWD",      "NOEXEC",     "EXEC",         "SETENV", "NOSETENV",
      "LOG_INPUT", "NOLOG_INPUT", "LOG_OUTPUT", "NOLOG_OUTPUT", "MAIL",   "NOMAIL",
      "FOLLOW",    "NOFOLLOW",    "INTERCEPT",  "NOINTERCEPT"};
  return std::find(std::begin(kTags), std::end(kTags), word) != std::end(kTags);
}

// Splits a rule's `host = commands : host = commands` at the colons that
// separate host specs, not at a tag's (`NOPASSWD:`) or a runas list's.
std::vector<std::string_view> split_host_specs(std::string_view s) {
  return split_outside_parens(s, [&](size_t i) {
    if (s[i] != ':') return false;
    size_t word = i;
    while (word > 0 &&
           (std::isalpha(static_cast<unsigned char>(s[word - 1])) || s[word - 1] == '_')) {
      --word;
    }
    return !is_tag(s.substr(word, i - word));
  });
}

// Where the leading comma-separated list of a line ends: at the first blank
// that is not next to a comma.
size_t end_of_list(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_blank(s[i])) continue;
    size_t before = i;
    while (before > 0 && is_blank(s[before - 1])) --before;
    size_t after = i;
    while (after < s.size() && is_blank(s[after])) ++after;
    if ((before > 0 && s[before - 1] == ',') || (after < s.size() && s[after] == ',')) {
      i = after - 1;
      continue;
    }
    return i;
  }
  return s.size();
}

using Aliases = std::map<std::string, std::vector<std::string>, std::less<>>;

class Matcher {
 public:
  Matcher(const SudoSubject& subject, const Aliases& users, const Aliases& runas,
          const Aliases& commands)
      : subject_(subject), users_(users), runas_(runas), commands_(commands) {}

  // sudoers lists: left to right, the last item that matches decides; a
  // leading `!` negates an item.
  template <typename Matches>
  static bool last_match(std::string_view list, Matches matches) {
    bool result = false;
    for (std::string_view item : split_list(list, ',')) {
      bool negated = false;
      while (!item.empty() && item.front() == '!') {
        negated = !negated;
        item = trim(item.substr(1));
      }
      if (matches(item)) result = !negated;
    }
    return result;
  }

  bool user_list(std::string_view list, int depth = 0) const {
    return last_match(list, [&](std::string_view item) { return user_item(item, depth); });
  }

  bool runas_root(std::string_view list, int depth = 0) const {
    return last_match(list, [&](std::string_view item) {
      if (auto alias = runas_.find(item); alias != runas_.end() && depth < 8) {
        std::string joined;
        for (const std::string& member : alias->second) joined += member + ",";
        return runas_root(joined, depth + 1);
      }
      return item == "ALL" || item == "root" || item == "#0";
    });
  }

  bool command_all(std::string_view item, int depth = 0) const {
    if (item == "ALL") return true;
    auto alias = commands_.find(item);
    if (alias == commands_.end() || depth >= 8) return false;
    return std::any_of(alias->second.begin(), alias->second.end(),
                       [&](const std::string& member) { return command_all(member, depth + 1); });
  }

 private:
  bool user_item(std::string_view item, int depth) const {
    if (item == "ALL") return true;
    if (item.substr(0, 2) == "%#") {
      std::optional<uint32_t> id = parse_id(item.substr(2));
      return id &&
             std::find(subject_.gids.begin(), subject_.gids.end(), *id) != subject_.gids.end();
    }
    if (item.substr(0, 1) == "%") {
      std::string_view group = item.substr(item.substr(0, 2) == "%:" ? 2 : 1);
      return std::find(subject_.group_names.begin(), subject_.group_names.end(), group) !=
             subject_.group_names.end();
    }
    if (item.substr(0, 1) == "#") return parse_id(item.substr(1)) == subject_.uid;
    if (auto alias = users_.find(item); alias != users_.end() && depth < 8) {
      std::string joined;
      for (const std::string& member : alias->second) joined += member + ",";
      return user_list(joined, depth + 1);
    }
    return item == subject_.name;
  }

  const SudoSubject& subject_;
  const Aliases& users_;
  const Aliases& runas_;
  const Aliases& commands_;
};

// `NAME = a, b : NAME2 = c` after an alias keyword.
void define_aliases(std::string_view body, Aliases& into) {
  for (std::string_view definition : split_list(body, ':')) {
    size_t eq = definition.find('=');
    if (eq == std::string_view::npos) continue;
    std::vector<std::string>& members = into[std::string(trim(definition.substr(0, eq)))];
    for (std::string_view member : split_list(definition.substr(eq + 1), ',')) {
      members.emplace_back(member);
    }
  }
}

// A `Defaults` line that turns authentication off for the subject.
bool disables_authentication(std::string_view line, const Matcher& matcher) {
  std::string_view rest = line.substr(8);
  if (!rest.empty() &&
      (rest.front() == ':' || rest.front() == '>' || rest.front() == '@' || rest.front() == '!')) {
    char kind = rest.front();
    size_t end = 1;
    while (end < rest.size() && !is_blank(rest[end])) ++end;
    std::string_view scope = rest.substr(1, end - 1);
    rest = rest.substr(end);
    // Runas-, host- and command-scoped defaults do not decide a login's password.
    if (kind != ':' || !matcher.user_list(scope)) return false;
  }
  bool off = false;
  for (std::string_view setting : split_list(rest, ',')) {
    if (setting == "!authenticate") off = true;
    if (setting == "authenticate") off = false;
  }
  return off;
}

}  // namespace

SudoersVerdict evaluate_sudoers(std::string_view text, const SudoSubject& subject) {
  SudoersVerdict verdict;
  Aliases users, runas, hosts, commands;
  Matcher matcher(subject, users, runas, commands);
  bool authentication_off = false;
  for (const Line& logical : logical_lines(text)) {
    std::string_view line = trim(logical.text);
    for (std::string_view include : {"#include", "@include"}) {
      if (starts_with_word(line, include)) {
        verdict.include_files.emplace_back(trim(line.substr(include.size())));
      }
    }
    for (std::string_view include : {"#includedir", "@includedir"}) {
      if (starts_with_word(line, include)) {
        verdict.include_dirs.emplace_back(trim(line.substr(include.size())));
      }
    }
    // A comment starts at a '#' that opens a word and is not a uid (`#1000`,
    // `%#50`, `(#0)` are ids).
    for (size_t i = 0; i < line.size(); ++i) {
      bool opens_word = i == 0 || is_blank(line[i - 1]);
      bool uid = i + 1 < line.size() && std::isdigit(static_cast<unsigned char>(line[i + 1]));
      if (line[i] == '#' && opens_word && !uid) {
        line = trim(line.substr(0, i));
        break;
      }
    }
    if (line.empty() || line[0] == '@') continue;
    if (starts_with_word(line, "User_Alias")) {
      define_aliases(line.substr(10), users);
    } else if (starts_with_word(line, "Runas_Alias")) {
      define_aliases(line.substr(11), runas);
    } else if (starts_with_word(line, "Host_Alias")) {
      define_aliases(line.substr(10), hosts);
    } else if (starts_with_word(line, "Cmnd_Alias") || starts_with_word(line, "Cmd_Alias")) {
      define_aliases(line.substr(line[2] == 'n' ? 10 : 9), commands);
    } else if (line.substr(0, 8) == "Defaults") {
      if (line.size() == 8 || is_blank(line[8]) || line[8] == ':') {
        bool off = disables_authentication(line, matcher);
        if (off) authentication_off = true;
      }
    } else {
      // user_list host_list = [(runas)] [TAG:]... cmnd, ... [: host_list = ...]
      if (line.find('=') == std::string_view::npos) continue;
      size_t split = end_of_list(line);
      std::string_view users_part = line.substr(0, split);
      if (users_part.empty() || !matcher.user_list(users_part)) continue;
      std::string_view specs = line.substr(split);
      for (std::string_view host_spec : split_host_specs(specs)) {
        size_t spec_eq = host_spec.find('=');
        if (spec_eq == std::string_view::npos) continue;
        bool nopasswd = authentication_off;
        bool as_root = true;
        for (std::string_view command : split_list(host_spec.substr(spec_eq + 1), ',')) {
          if (command.front() == '(') {
            size_t close = command.find(')');
            std::string_view runas_list = command.substr(
                1, close == std::string_view::npos ? std::string_view::npos : close - 1);
            std::string_view users_list = runas_list.substr(0, runas_list.find(':'));
            as_root = trim(users_list).empty() || matcher.runas_root(users_list);
            command = close == std::string_view::npos ? "" : trim(command.substr(close + 1));
          }
          // Tags are `WORD:` prefixes; they carry over to later commands.
          for (;;) {
            size_t colon = command.find(':');
            if (colon == std::string_view::npos) break;
            std::string_view tag = trim(command.substr(0, colon));
            if (tag.empty() || tag.find_first_of(" \t/") != std::string_view::npos) break;
            if (tag == "NOPASSWD") nopasswd = true;
            if (tag == "PASSWD") nopasswd = authentication_off;
            command = trim(command.substr(colon + 1));
          }
          bool negated = !command.empty() && command.front() == '!';
          if (!negated && nopasswd && as_root && matcher.command_all(command)) {
            verdict.passwordless_all = true;
            if (verdict.line == 0) verdict.line = logical.number;
          }
        }
      }
    }
  }
  return verdict;
}

int doas_passwordless_all(std::string_view text, const SudoSubject& subject) {
  int deciding = 0;
  for (const Line& logical : logical_lines(text)) {
    std::string_view line = logical.text;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    std::vector<std::string_view> words;
    for (std::string_view word : split_list(line, ' ')) {
      for (std::string_view part : split_list(word, '\t')) words.push_back(part);
    }
    if (words.empty() || (words[0] != "permit" && words[0] != "deny")) continue;
    bool permit = words[0] == "permit";
    bool nopass = false;
    size_t i = 1;
    for (; i < words.size(); ++i) {
      if (words[i] == "nopass") {
        nopass = true;
      } else if (words[i] == "persist" || words[i] == "keepenv") {
      } else if (words[i] == "setenv") {
        while (i < words.size() && words[i].find('}') == std::string_view::npos) ++i;
      } else {
        break;
      }
    }
    if (i >= words.size()) continue;
    std::string_view identity = words[i++];
    bool matches = identity.front() == ':'
                       ? std::find(subject.group_names.begin(), subject.group_names.end(),
                                   identity.substr(1)) != subject.group_names.end()
                       : identity == subject.name;
    if (!matches) continue;
    if (i + 1 < words.size() && words[i] == "as") {
      if (words[i + 1] != "root") continue;
      i += 2;
    }
    // A rule limited to one command decides nothing about "any command".
    if (i < words.size() && words[i] == "cmd") continue;
    deciding = permit && nopass ? logical.number : 0;
  }
  return deciding;
}

}  // namespace unroot
