#include "dockerfile/expand.h"

#include <cctype>
#include <optional>

namespace unroot::dockerfile {
namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// One pass over a word: the lexer BuildKit's shell-word processing follows.
class Expander {
 public:
  Expander(std::string_view text, const Variables& variables, char escape)
      : text_(text), variables_(variables), escape_(escape) {}

  // Reads up to an unquoted blank (split) or the end; `stop` ends a nested
  // `${...}` word at its closing brace.
  Result<std::string, ExpandError> word(bool split, bool in_braces) {
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (split && (c == ' ' || c == '\t')) break;
      if (in_braces && c == '}') break;
      if (c == escape_) {
        ++pos_;
        if (pos_ < text_.size()) out.push_back(text_[pos_++]);
        continue;
      }
      if (c == '\'') {
        size_t close = text_.find('\'', pos_ + 1);
        if (close == std::string_view::npos) return ExpandError{"unterminated single quote"};
        out.append(text_.substr(pos_ + 1, close - pos_ - 1));
        pos_ = close + 1;
        continue;
      }
      if (c == '"') {
        ++pos_;
        for (;;) {
          if (pos_ >= text_.size()) return ExpandError{"unterminated double quote"};
          char d = text_[pos_];
          if (d == '"') {
            ++pos_;
            break;
          }
          if (d == escape_ && pos_ + 1 < text_.size() &&
              (text_[pos_ + 1] == '"' || text_[pos_ + 1] == '$' || text_[pos_ + 1] == escape_)) {
            out.push_back(text_[pos_ + 1]);
            pos_ += 2;
            continue;
          }
          if (d == '$') {
            auto value = variable();
            if (!value) return value.error();
            out.append(*value);
            continue;
          }
          out.push_back(d);
          ++pos_;
        }
        continue;
      }
      if (c == '$') {
        auto value = variable();
        if (!value) return value.error();
        out.append(*value);
        continue;
      }
      out.push_back(c);
      ++pos_;
    }
    return out;
  }

  bool at_end() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    return pos_ >= text_.size();
  }

 private:
  // At a `$`: $NAME, ${NAME}, ${NAME<op>word}; a lone `$` stays itself.
  Result<std::string, ExpandError> variable() {
    ++pos_;
    if (pos_ < text_.size() && is_name_start(text_[pos_])) {
      size_t start = pos_;
      while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
      return lookup(text_.substr(start, pos_ - start)).value_or("");
    }
    if (pos_ >= text_.size() || text_[pos_] != '{') return std::string("$");
    ++pos_;
    size_t start = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    std::string_view name = text_.substr(start, pos_ - start);
    if (name.empty()) return ExpandError{"bad substitution: ${ without a variable name"};
    if (pos_ >= text_.size()) return ExpandError{"missing '}' after ${" + std::string(name)};
    std::optional<std::string> value = lookup(name);
    if (text_[pos_] == '}') {
      ++pos_;
      return value.value_or("");
    }
    bool colon = text_[pos_] == ':';
    if (colon) ++pos_;
    if (pos_ >= text_.size()) return ExpandError{"missing '}' after ${" + std::string(name)};
    char op = text_[pos_++];
    if (op != '-' && op != '+' && op != '?') {
      return ExpandError{"unsupported modifier in ${" + std::string(name) + "...}"};
    }
    // Bounded so that hostile input cannot exhaust the stack.
    if (++depth_ > 32) return ExpandError{"substitutions nested more than 32 deep"};
    auto operand = word(false, true);
    --depth_;
    if (!operand) return operand.error();
    if (pos_ >= text_.size() || text_[pos_] != '}') {
      return ExpandError{"missing '}' after ${" + std::string(name)};
    }
    ++pos_;
    // With ':', an empty value counts as unset.
    bool set = value.has_value() && (!colon || !value->empty());
    switch (op) {
      case '-':
        return set ? *value : *operand;
      case '+':
        return set ? *operand : std::string();
      default:
        if (set) return *value;
        return ExpandError{std::string(name) + ": " +
                           (operand->empty() ? std::string("is not set") : *operand)};
    }
  }

  std::optional<std::string> lookup(std::string_view name) const {
    auto it = variables_.find(name);
    if (it == variables_.end()) return std::nullopt;
    return it->second;
  }

  std::string_view text_;
  const Variables& variables_;
  char escape_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Result<std::string, ExpandError> expand_word(std::string_view word, const Variables& variables,
                                             char escape) {
  Expander expander(word, variables, escape);
  return expander.word(false, false);
}

Result<std::vector<std::string>, ExpandError> expand_words(std::string_view text,
                                                           const Variables& variables,
                                                           char escape) {
  Expander expander(text, variables, escape);
  std::vector<std::string> words;
  while (!expander.at_end()) {
    auto next = expander.word(true, false);
    if (!next) return next.error();
    words.push_back(std::move(*next));
  }
  return words;
}

bool mentions_variable(std::string_view word, char escape) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] == escape) {
      ++i;
    } else if (word[i] == '$' && i + 1 < word.size() &&
               (word[i + 1] == '{' || is_name_start(word[i + 1]))) {
      return true;
    }
  }
  return false;
}

}  // namespace unroot::dockerfile
