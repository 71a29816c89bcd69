#include "lint/image_files.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "base/file.h"
#include "lint/shell_commands.h"

namespace unroot::lint {
namespace {

// Whether `path` is `dir` or below it; `rest` gets the part below.
bool below(std::string_view path, std::string_view dir, std::string_view& rest) {
  if (dir == "/") {
    rest = path.substr(1);
    return true;
  }
  if (path.compare(0, dir.size(), dir) != 0) return false;
  if (path.size() == dir.size()) {
    rest = {};
    return true;
  }
  if (path[dir.size()] != '/') return false;
  rest = path.substr(dir.size() + 1);
  return true;
}

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

// Links followed before giving up: a loop, or a chain no image needs.
constexpr int kMaxLinks = 8;

}  // namespace

std::string normalize_path(std::string_view path) {
  // Most paths are normal already: an absolute path with no empty, "." or
  // ".." part and no trailing slash.
  bool plain = path.size() > 1 && path.front() == '/' && path.back() != '/' &&
               path.find("//") == std::string_view::npos &&
               path.find("/.") == std::string_view::npos;
  if (plain) return std::string(path);
  bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view part =
        path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.emplace_back("..");
      }
    } else if (!part.empty() && part != ".") {
      parts.emplace_back(part);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out.empty() ? "." : out;
}

void ImageFiles::add_file(std::string_view path, std::optional<std::string> text, std::string owner,
                          int line) {
  entries_.push_back(
      {Kind::kFile, normalize_path(path), std::move(text), "", std::move(owner), line});
}

void ImageFiles::add_directory(std::string_view path, std::string_view source, std::string owner,
                               int line) {
  entries_.push_back({Kind::kDirectory, normalize_path(path), std::nullopt,
                      normalize_path(source.empty() ? "." : source), std::move(owner), line});
}

void ImageFiles::add_unknown_tree(std::string_view path, int line, std::string owner) {
  entries_.push_back(
      {Kind::kUnknownTree, normalize_path(path), std::nullopt, "", std::move(owner), line});
}

void ImageFiles::add_link(std::string_view path, std::string_view target, int line) {
  entries_.push_back(
      {Kind::kLink, normalize_path(path), std::nullopt, std::string(target), "", line});
}

std::optional<std::string> ImageFiles::context_file(const std::string& relative) const {
  std::string path = normalize_path(relative);
  if (context_.empty() || path.front() == '/' || path.compare(0, 2, "..") == 0) return std::nullopt;
  struct stat st {};
  std::string full = context_ + "/" + path;
  if (stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  auto text = read_small_file(full);
  if (!text || !*text) return std::nullopt;
  return **text;
}

bool ImageFiles::context_has(std::string_view source) const {
  std::string path = normalize_path(source);
  if (context_.empty() || path.front() == '/' || path.compare(0, 2, "..") == 0) return false;
  struct stat st {};
  return stat((context_ + "/" + path).c_str(), &st) == 0;
}

bool ImageFiles::context_has_directory(std::string_view source) const {
  std::string path = normalize_path(source);
  if (context_.empty() || path.front() == '/' || path.compare(0, 2, "..") == 0) return false;
  struct stat st {};
  return stat((context_ + "/" + path).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> ImageFiles::expand_context(std::string_view pattern) const {
  std::string wanted = normalize_path(pattern);
  if (wanted.find_first_of("*?[") == std::string::npos || context_.empty()) {
    return {std::string(pattern)};
  }
  if (wanted.front() == '/' || wanted.compare(0, 2, "..") == 0) return {};
  // Component by component, as a shell glob: a wildcard matches names in one
  // directory, never a '/', and never a leading '.' unless written.
  std::vector<std::string> matches = {""};
  size_t start = 0;
  while (start <= wanted.size() && !matches.empty()) {
    size_t slash = wanted.find('/', start);
    std::string part = wanted.substr(start, slash == std::string::npos ? slash : slash - start);
    std::vector<std::string> next;
    for (const std::string& prefix : matches) {
      auto below_prefix = [&prefix](const std::string& name) {
        return prefix.empty() ? name : std::string(prefix).append("/").append(name);
      };
      std::string joined = below_prefix(part);
      if (part.find_first_of("*?[") == std::string::npos) {
        if (context_has(joined)) next.push_back(joined);
        continue;
      }
      DIR* listing = opendir((context_ + "/" + (prefix.empty() ? "." : prefix)).c_str());
      if (!listing) continue;
      while (dirent* child = readdir(listing)) {
        std::string name = child->d_name;
        if (name == "." || name == ".." || (name[0] == '.' && part[0] != '.')) continue;
        if (matches_pattern(part, name)) next.push_back(below_prefix(name));
      }
      closedir(listing);
    }
    matches = std::move(next);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::sort(matches.begin(), matches.end());
  return matches;
}

FileLookup ImageFiles::find(std::string_view wanted) const {
  std::string path = normalize_path(wanted);
  for (int hop = 0; hop <= kMaxLinks; ++hop) {
    bool followed = false;
    for (auto it = entries_.rbegin(); it != entries_.rend() && !followed; ++it) {
      std::string_view rest;
      if (!below(path, it->path, rest)) continue;
      switch (it->kind) {
        case Kind::kFile:
          if (!rest.empty()) continue;
          if (it->text) return {FileLookup::State::kKnown, *it->text, it->owner, it->line, path};
          return {FileLookup::State::kUnknown, "", it->owner, it->line, path};
        case Kind::kUnknownTree:
          return {FileLookup::State::kUnknown, "", it->owner, it->line, path};
        case Kind::kDirectory:
          if (rest.empty()) continue;
          if (auto text = context_file(it->source + "/" + std::string(rest))) {
            return {FileLookup::State::kKnown, *text, it->owner, it->line, path};
          }
          continue;
        case Kind::kLink: {
          std::string target =
              it->source.front() == '/' ? it->source : parent_of(it->path) + "/" + it->source;
          path = normalize_path(target + (rest.empty() ? "" : "/" + std::string(rest)));
          followed = true;
          break;
        }
      }
    }
    if (!followed) return {FileLookup::State::kAbsent, "", "", 0, path};
  }
  return {FileLookup::State::kAbsent, "", "", 0, path};
}

std::vector<std::string> ImageFiles::list(std::string_view directory) const {
  std::string dir = normalize_path(directory);
  std::vector<std::string> names;
  for (const Entry& entry : entries_) {
    std::string_view rest;
    if (entry.kind != Kind::kDirectory && below(entry.path, dir, rest) && !rest.empty()) {
      names.emplace_back(rest.substr(0, rest.find('/')));
    } else if (entry.kind == Kind::kDirectory && below(dir, entry.path, rest)) {
      std::string source = normalize_path(entry.source + "/" + std::string(rest));
      if (context_.empty() || source.compare(0, 2, "..") == 0) continue;
      DIR* listing = opendir((context_ + "/" + source).c_str());
      if (!listing) continue;
      while (dirent* child = readdir(listing)) {
        std::string name = child->d_name;
        if (name != "." && name != "..") names.push_back(name);
      }
      closedir(listing);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace unroot::lint
