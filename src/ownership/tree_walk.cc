#include "ownership/tree_walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sched.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "base/unique_fd.h"

namespace unroot {
namespace {

// Directories waiting for a thread hold a descriptor each; past this many, a
// thread walks a new directory itself instead of queueing it.
constexpr size_t kMaxQueued = 256;

Error walk_error(const std::string& what, const std::string& path) {
  return Error{"cannot walk " + path, what + ": " + strerror(errno), "check the path"};
}

/// An entry's lstat and the mount it is on. A bind mount of the walk's own
/// file system (rootless Podman's vfs storage, a volume on the same disk) has
/// the same st_dev, so only the mount id tells it apart; kernels before 5.8
/// (and emulators) may give none, and then st_dev is all there is.
struct EntryStat {
  struct stat st {};
  std::optional<uint64_t> mount_id;
};

bool stat_entry(int dir_fd, const char* name, EntryStat& out) {
  struct statx sx {};
  if (statx(dir_fd, name, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_BASIC_STATS | STATX_MNT_ID,
            &sx) != 0) {
    return false;
  }
  struct stat& st = out.st;
  st = {};
  st.st_dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
  st.st_ino = sx.stx_ino;
  st.st_mode = sx.stx_mode;
  st.st_nlink = sx.stx_nlink;
  st.st_uid = sx.stx_uid;
  st.st_gid = sx.stx_gid;
  st.st_rdev = makedev(sx.stx_rdev_major, sx.stx_rdev_minor);
  st.st_size = static_cast<off_t>(sx.stx_size);
  st.st_blksize = static_cast<blksize_t>(sx.stx_blksize);
  st.st_blocks = static_cast<blkcnt_t>(sx.stx_blocks);
  st.st_atim = {static_cast<time_t>(sx.stx_atime.tv_sec), static_cast<long>(sx.stx_atime.tv_nsec)};
  st.st_mtim = {static_cast<time_t>(sx.stx_mtime.tv_sec), static_cast<long>(sx.stx_mtime.tv_nsec)};
  st.st_ctim = {static_cast<time_t>(sx.stx_ctime.tv_sec), static_cast<long>(sx.stx_ctime.tv_nsec)};
  out.mount_id.reset();
  if (sx.stx_mask & STATX_MNT_ID) out.mount_id = sx.stx_mnt_id;
  return true;
}

/// The shared state of one walk: the queue of open directories, the threads
/// working on them, the inodes with several links already seen.
class Walk {
 public:
  Walk(std::string root, const EntryStat& top, const TreeVisitor& visit, bool skip_unreadable)
      : root_(std::move(root)),
        device_(top.st.st_dev),
        mount_id_(top.mount_id),
        visit_(visit),
        skip_unreadable_(skip_unreadable) {}

  void push(int dir_fd) {
    std::lock_guard lock(mu_);
    queue_.push_back(dir_fd);
    cv_.notify_one();
  }

  /// One worker: takes directories until none is left anywhere or one failed.
  void work() {
    for (;;) {
      int fd;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty() || busy_ == 0 || error_; });
        if (error_ || queue_.empty()) {
          cv_.notify_all();
          return;
        }
        fd = queue_.back();
        queue_.pop_back();
        ++busy_;
      }
      Status done = walk_directory(fd);
      std::lock_guard lock(mu_);
      --busy_;
      if (!done && !error_) error_ = done.error();
      if (queue_.empty() && busy_ == 0) cv_.notify_all();
    }
  }

  /// Waits for the workers, reporting progress; true when the walk is over.
  bool wait_for(std::chrono::milliseconds period) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, period, [&] { return (queue_.empty() && busy_ == 0) || error_; });
  }

  unsigned long scanned() const { return scanned_.load(); }
  unsigned long unreadable() const { return unreadable_.load(); }
  const std::optional<Error>& error() const { return error_; }

  /// Drops the descriptors of directories nobody will walk (after an error).
  void close_queued() {
    for (int fd : queue_) close(fd);
    queue_.clear();
  }

 private:
  // Reads one directory, visiting its entries and queueing (or walking) its
  // subdirectories on the same file system. Takes ownership of `fd`.
  Status walk_directory(int fd) {
    DIR* dir = fdopendir(fd);
    if (!dir) {
      close(fd);
      return walk_error("open a directory", root_);
    }
    std::unique_ptr<DIR, int (*)(DIR*)> closer(dir, closedir);
    for (;;) {
      errno = 0;
      dirent* entry = readdir(dir);
      if (!entry) {
        if (errno != 0) return walk_error("read a directory", root_);
        return Ok{};
      }
      const char* name = entry->d_name;
      if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
      EntryStat entry_stat;
      if (!stat_entry(dirfd(dir), name, entry_stat)) {
        if (errno == ENOENT) continue;  // gone since readdir
        if (errno == EACCES && skip_unreadable_) {
          ++unreadable_;
          continue;
        }
        return walk_error(std::string("stat ") + name, root_);
      }
      // A mount point is the root of another mount: neither it nor what is
      // below it belongs to this walk.
      const struct stat& st = entry_stat.st;
      if (st.st_dev != device_ ||
          (mount_id_ && entry_stat.mount_id && *entry_stat.mount_id != *mount_id_)) {
        continue;
      }
      if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
        std::lock_guard lock(mu_);
        if (!linked_.emplace(st.st_dev, st.st_ino).second) continue;
      }
      ++scanned_;
      Status visited = visit_(dirfd(dir), name, st);
      if (!visited) return visited;
      if (!S_ISDIR(st.st_mode)) continue;
      int child = openat(dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (child < 0) {
        if (errno == ENOENT) continue;
        if (errno == EACCES && skip_unreadable_) {
          ++unreadable_;
          continue;
        }
        return walk_error(std::string("open ") + name, root_);
      }
      bool queued = false;
      {
        std::lock_guard lock(mu_);
        if (queue_.size() < kMaxQueued) {
          queue_.push_back(child);
          cv_.notify_one();
          queued = true;
        }
      }
      if (!queued) {
        Status deeper = walk_directory(child);
        if (!deeper) return deeper;
      }
    }
  }

  const std::string root_;
  const dev_t device_;
  const std::optional<uint64_t> mount_id_;
  const TreeVisitor& visit_;
  const bool skip_unreadable_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> queue_;
  int busy_ = 0;
  std::optional<Error> error_;
  std::set<std::pair<dev_t, ino_t>> linked_;
  std::atomic<unsigned long> scanned_{0};
  std::atomic<unsigned long> unreadable_{0};
};

}  // namespace

unsigned usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return static_cast<unsigned>(std::max(CPU_COUNT(&set), 1));
}

Result<WalkStats> walk_tree(const std::string& root, const TreeVisitor& visit, unsigned threads,
                            const WalkProgress& progress, bool skip_unreadable) {
  std::string copy = root;
  std::string parent = dirname(copy.data());
  copy = root;
  std::string base = basename(copy.data());
  UniqueFd parent_fd(open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!parent_fd.valid()) return walk_error("open", parent);
  EntryStat top;
  if (!stat_entry(parent_fd.get(), base.c_str(), top)) return walk_error("stat", root);
  const struct stat& root_st = top.st;
  Status first = visit(parent_fd.get(), base.c_str(), root_st);
  if (!first) return first.error();
  if (!S_ISDIR(root_st.st_mode)) return WalkStats{1};

  int fd = openat(parent_fd.get(), base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return walk_error("open", root);
  Walk walk(root, top, visit, skip_unreadable);
  walk.push(fd);
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) workers.emplace_back([&] { walk.work(); });
  // Progress only for walks a person would otherwise wait on in silence.
  const auto quiet_until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (!walk.wait_for(std::chrono::milliseconds(250))) {
    if (progress && std::chrono::steady_clock::now() >= quiet_until) progress(walk.scanned() + 1);
  }
  for (auto& worker : workers) worker.join();
  walk.close_queued();
  if (walk.error()) return *walk.error();
  return WalkStats{walk.scanned() + 1, walk.unreadable()};
}

}  // namespace unroot
