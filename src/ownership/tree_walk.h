// walk_tree: every entry below a directory, on that directory's mount only
// (a mount point below it, a bind mount of the same file system included, is
// neither visited nor entered), never following a symbolic link, each inode
// once, on several threads.
//
// Directories are opened relative to their parent's descriptor with
// O_NOFOLLOW, so a link swapped in during the walk cannot redirect it. The
// visitor gets the parent directory's descriptor and the entry's name, ready
// for fchownat/fchmodat, and the entry's lstat. It runs on the walk's threads
// at once, so it must be thread safe; all threads have ended when walk_tree
// returns.
#pragma once

#include <sys/stat.h>

#include <functional>
#include <string>

#include "base/result.h"

namespace unroot {

/// Called once per inode below the root (the root itself included, with its
/// parent's descriptor). An Error stops the walk and is returned.
using TreeVisitor = std::function<Status(int dir_fd, const char* name, const struct stat& st)>;

/// Called on the calling thread about four times a second, once the walk has
/// run for a second, with the entries scanned so far.
using WalkProgress = std::function<void(unsigned long scanned)>;

/// Statistics of one walk.
struct WalkStats {
  unsigned long scanned = 0;
  /// Entries skipped for want of permission (only with skip_unreadable).
  unsigned long unreadable = 0;
};

/// The CPUs this process may run on: the walk's natural thread count.
unsigned usable_cpus();

/// Walks `root` with `threads` threads (at least 1). A mount point below it is
/// visited (it is an entry of this file system) but not entered. With
/// `skip_unreadable`, what the caller may not search or read is counted and
/// passed over (an audit of what a user can reach) instead of ending the walk.
Result<WalkStats> walk_tree(const std::string& root, const TreeVisitor& visit, unsigned threads = 1,
                            const WalkProgress& progress = {}, bool skip_unreadable = false);

}  // namespace unroot
