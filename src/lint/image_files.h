// ImageFiles: what one build stage puts where, as far as the Dockerfile and
// its build context tell — files with their text (copied from the context,
// heredocs), directories copied from the context (read when asked), links
// made by `ln -s`, and places whose contents cannot be known (an ADD
// archive, a file from another image, a download). A later placement hides
// an earlier one at the same path. What the build does not place is the base
// image's: absent here, which is not a claim that it is missing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unroot::lint {

struct FileLookup {
  enum class State { kAbsent, kKnown, kUnknown };
  State state = State::kAbsent;
  std::string text;   ///< kKnown: the file's contents
  std::string owner;  ///< the placing instruction's --chown user, "" for root
  int line = 0;       ///< the instruction that put it there
  std::string path;   ///< the path asked for, links followed
};

class ImageFiles {
 public:
  /// `context`: the build context directory, "" when there is none.
  explicit ImageFiles(std::string context = "") : context_(std::move(context)) {}

  /// A file with `text`, or with contents that cannot be known (nullopt).
  void add_file(std::string_view path, std::optional<std::string> text, std::string owner,
                int line);
  /// The contents of the context directory `source` ("" for the whole
  /// context) copied to directory `path`.
  void add_directory(std::string_view path, std::string_view source, std::string owner, int line);
  /// Anything may be under `path` (an archive unpacked there).
  void add_unknown_tree(std::string_view path, int line, std::string owner = "");
  /// A symbolic link at `path` to `target` (absolute, or relative to its directory).
  void add_link(std::string_view path, std::string_view target, int line);

  /// What is at absolute path `wanted`, links followed.
  FileLookup find(std::string_view wanted) const;
  /// The names the build places directly under `directory`, sorted, unique.
  std::vector<std::string> list(std::string_view directory) const;
  /// Whether the context has anything at `source` (relative).
  bool context_has(std::string_view source) const;
  /// Whether the context has a directory at `source` (relative).
  bool context_has_directory(std::string_view source) const;
  /// Context paths (relative) matching `pattern`, a path with * ? [ ] globs; a
  /// pattern without them is returned as is.
  std::vector<std::string> expand_context(std::string_view pattern) const;
  const std::string& context() const { return context_; }
  /// The text of context file `relative`, when it is a readable regular file.
  std::optional<std::string> context_file(const std::string& relative) const;

 private:
  enum class Kind { kFile, kDirectory, kUnknownTree, kLink };
  struct Entry {
    Kind kind;
    std::string path;
    std::optional<std::string> text;  ///< kFile; nullopt: unknown contents
    std::string source;               ///< kDirectory: context path; kLink: target
    std::string owner;
    int line;
  };
  std::string context_;
  std::vector<Entry> entries_;
};

/// `path` with "//", "/./" and "dir/.." collapsed; absolute paths stay absolute.
std::string normalize_path(std::string_view path);

}  // namespace unroot::lint
