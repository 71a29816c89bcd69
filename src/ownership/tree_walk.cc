#include "ownership/tree_walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <unistd.h>

#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "base/unique_fd.h"

namespace unroot {
namespace {

struct DirCloser {
  void operator()(DIR* d) const { closedir(d); }
};

Error walk_error(const std::string& what, const std::string& path) {
  return Error{"cannot walk " + path, what + ": " + strerror(errno), "check the path"};
}

}  // namespace

Result<WalkStats> walk_tree(const std::string& root, const TreeVisitor& visit) {
  WalkStats stats;
  std::string copy = root;
  std::string parent = dirname(copy.data());
  copy = root;
  std::string base = basename(copy.data());
  UniqueFd parent_fd(open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!parent_fd.valid()) return walk_error("open", parent);
  struct stat root_st {};
  if (fstatat(parent_fd.get(), base.c_str(), &root_st, AT_SYMLINK_NOFOLLOW) != 0) {
    return walk_error("stat", root);
  }
  ++stats.scanned;
  Status first = visit(parent_fd.get(), base.c_str(), root_st);
  if (!first) return first.error();
  if (!S_ISDIR(root_st.st_mode)) return stats;

  const dev_t device = root_st.st_dev;
  std::set<std::pair<dev_t, ino_t>> linked;  // multiply-linked files already visited
  std::vector<std::unique_ptr<DIR, DirCloser>> stack;
  int fd = openat(parent_fd.get(), base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return walk_error("open", root);
  stack.emplace_back(fdopendir(fd));
  while (!stack.empty()) {
    DIR* dir = stack.back().get();
    errno = 0;
    dirent* entry = readdir(dir);
    if (!entry) {
      if (errno != 0) return walk_error("read a directory", root);
      stack.pop_back();
      continue;
    }
    const char* name = entry->d_name;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
    struct stat st {};
    if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) continue;  // gone since readdir
      return walk_error(std::string("stat ") + name, root);
    }
    if (!S_ISDIR(st.st_mode) && st.st_nlink > 1 && !linked.emplace(st.st_dev, st.st_ino).second) {
      continue;
    }
    ++stats.scanned;
    Status visited = visit(dirfd(dir), name, st);
    if (!visited) return visited.error();
    if (S_ISDIR(st.st_mode) && st.st_dev == device) {
      int child = openat(dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (child < 0) {
        if (errno == ENOENT) continue;
        return walk_error(std::string("open ") + name, root);
      }
      stack.emplace_back(fdopendir(child));
    }
  }
  return stats;
}

}  // namespace unroot
