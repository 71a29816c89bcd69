// walk_tree: every entry below a directory, on that directory's file system
// only, never following a symbolic link, each inode once.
//
// Directories are opened relative to their parent's descriptor with
// O_NOFOLLOW, so a link swapped in during the walk cannot redirect it. The
// visitor gets the parent directory's descriptor and the entry's name, ready
// for fchownat/fchmodat, and the entry's lstat.
#pragma once

#include <sys/stat.h>

#include <functional>
#include <string>

#include "base/result.h"

namespace unroot {

/// Called once per inode below the root (the root itself included, with its
/// parent's descriptor). Returns false to stop the walk with an Error.
using TreeVisitor = std::function<Status(int dir_fd, const char* name, const struct stat& st)>;

/// Statistics of one walk.
struct WalkStats {
  unsigned long scanned = 0;
};

/// Walks `root`. A mount point below it is visited (it is an entry of this
/// file system) but not entered. Errors from the visitor stop the walk.
Result<WalkStats> walk_tree(const std::string& root, const TreeVisitor& visit);

}  // namespace unroot
