#include "audit/gather.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <mutex>
#include <set>

#include "audit/sudo_config.h"
#include "audit/sudo_rules.h"
#include "base/file.h"
#include "base/unique_fd.h"
#include "identity/account_db.h"
#include "ownership/tree_walk.h"
#include "privilege/write_fence.h"

namespace unroot {
namespace {

constexpr const char* kSocketNames[] = {"docker.sock", "containerd.sock", "podman.sock",
                                        "crio.sock", "buildkitd.sock"};

constexpr const char* kSocketPaths[] = {"/var/run/docker.sock",
                                        "/run/docker.sock",
                                        "/run/containerd/containerd.sock",
                                        "/var/run/containerd/containerd.sock",
                                        "/run/podman/podman.sock",
                                        "/var/run/podman/podman.sock",
                                        "/run/crio/crio.sock",
                                        "/var/run/crio/crio.sock",
                                        "/run/buildkit/buildkitd.sock"};

// Character devices Docker, Podman and containerd give every container.
constexpr const char* kDefaultDevices[] = {"console", "full", "null",    "ptmx",
                                           "random",  "tty",  "urandom", "zero"};

}  // namespace

bool is_default_device(std::string_view name) {
  return std::any_of(std::begin(kDefaultDevices), std::end(kDefaultDevices),
                     [name](const char* device) { return name == device; });
}

namespace {

std::optional<std::string> read_text(const std::string& path) {
  auto text = read_small_file(path);
  if (!text || !*text) return std::nullopt;
  return **text;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

std::string path_of(int dir_fd, const char* name) {
  std::string link = "/proc/self/fd/" + std::to_string(dir_fd);
  char target[4096];
  ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
  std::string dir = n > 0 ? std::string(target, static_cast<size_t>(n)) : "?";
  return dir == "/" ? "/" + std::string(name) : dir + "/" + name;
}

void read_lsm(AuditFacts& facts) {
  // Kernels with stacked LSMs give AppArmor its own file; the shared
  // attr/current belongs to whichever major LSM is active.
  if (auto label = read_text("/proc/self/attr/apparmor/current")) {
    facts.lsm_name = "apparmor";
    facts.lsm_label = trimmed(*label);
    return;
  }
  auto label = read_text("/proc/self/attr/current");
  if (!label) return;
  facts.lsm_label = trimmed(*label);
  if (facts.lsm_label.empty()) return;
  facts.lsm_name =
      std::count(facts.lsm_label.begin(), facts.lsm_label.end(), ':') >= 2 ? "selinux" : "apparmor";
}

void read_devices(AuditFacts& facts) {
  DIR* dir = opendir("/dev");
  if (!dir) return;
  while (dirent* entry = readdir(dir)) {
    struct stat st {};
    if (fstatat(dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    bool usual = std::any_of(std::begin(kDefaultDevices), std::end(kDefaultDevices),
                             [&](const char* name) { return strcmp(name, entry->d_name) == 0; });
    if (S_ISBLK(st.st_mode) || (S_ISCHR(st.st_mode) && !usual)) {
      facts.host_devices.push_back(std::string("/dev/") + entry->d_name);
    }
  }
  closedir(dir);
  std::sort(facts.host_devices.begin(), facts.host_devices.end());
}

std::vector<std::string> sensitive_paths() {
  std::vector<std::string> paths = {"/etc",           "/etc/passwd",   "/etc/shadow",
                                    "/etc/group",     "/etc/gshadow",  "/etc/sudoers",
                                    "/etc/sudoers.d", "/etc/doas.conf"};
  const char* path = getenv("PATH");
  std::string_view dirs =
      path ? path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  while (!dirs.empty()) {
    size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    if (!dir.empty() && dir.front() == '/') paths.emplace_back(dir);
  }
  char target[4096];
  ssize_t n = readlink("/proc/1/exe", target, sizeof target - 1);
  if (n > 0) {
    std::string exe(target, static_cast<size_t>(n));
    const std::string deleted = " (deleted)";
    if (exe.size() > deleted.size() &&
        exe.compare(exe.size() - deleted.size(), deleted.size(), deleted) != 0) {
      paths.push_back(exe);
    }
  }
  return paths;
}

// The live file system below `root`, read with the process's own access.
class DiskFiles : public ConfigFiles {
 public:
  explicit DiskFiles(std::string root) : root_(std::move(root)) {}
  Result<std::optional<std::string>> read(const std::string& path) const override {
    return read_small_file(root_ + path);
  }
  Result<std::optional<std::vector<std::string>>> list(const std::string& path) const override {
    DIR* dir = opendir((root_ + path).c_str());
    if (!dir) {
      if (errno == EACCES) return Error{"reading " + path, strerror(errno), ""};
      return std::optional<std::vector<std::string>>();
    }
    std::vector<std::string> names;
    while (dirent* entry = readdir(dir)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
    closedir(dir);
    return std::optional<std::vector<std::string>>(std::move(names));
  }
  std::optional<std::string> regular_file(const std::string& path) const override {
    struct stat st {};
    if (stat((root_ + path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  }

 private:
  std::string root_;
};

}  // namespace

Result<SetuidScan> find_setuid_programs(const std::string& root, unsigned threads) {
  SetuidScan scan;
  std::mutex mu;
  auto visit = [&](int dir_fd, const char* name, const struct stat& st) -> Status {
    if (!S_ISREG(st.st_mode) || !(st.st_mode & (S_ISUID | S_ISGID)) || !(st.st_mode & 0111)) {
      return Ok{};
    }
    if (faccessat(dir_fd, name, X_OK, AT_EACCESS) != 0) return Ok{};
    std::lock_guard lock(mu);
    scan.files.push_back({path_of(dir_fd, name), st.st_uid, st.st_gid, st.st_mode});
    return Ok{};
  };
  auto walked = walk_tree(root, visit, threads, {}, /*skip_unreadable=*/true);
  if (!walked) return walked.error();
  scan.scanned = walked->scanned;
  scan.unreadable = walked->unreadable;
  std::sort(scan.files.begin(), scan.files.end(),
            [](const SetuidFile& a, const SetuidFile& b) { return a.path < b.path; });
  return scan;
}

std::vector<std::string> writable_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> writable;
  for (const std::string& path : paths) {
    if (faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0 &&
        std::find(writable.begin(), writable.end(), path) == writable.end()) {
      writable.push_back(path);
    }
  }
  return writable;
}

std::vector<std::string> socket_mounts(std::string_view mountinfo) {
  std::vector<std::string> found;
  while (!mountinfo.empty()) {
    size_t eol = mountinfo.find('\n');
    std::string_view line = mountinfo.substr(0, eol);
    mountinfo = eol == std::string_view::npos ? std::string_view() : mountinfo.substr(eol + 1);
    // Field 5 is the mount point, with blanks and backslashes as \ooo escapes.
    size_t start = 0;
    for (int field = 0; field < 4 && start != std::string_view::npos; ++field) {
      start = line.find(' ', start);
      if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) continue;
    std::string_view escaped = line.substr(start, line.find(' ', start) - start);
    std::string point;
    for (size_t i = 0; i < escaped.size(); ++i) {
      if (escaped[i] == '\\' && i + 3 < escaped.size()) {
        point.push_back(static_cast<char>(((escaped[i + 1] - '0') & 7) * 64 +
                                          ((escaped[i + 2] - '0') & 7) * 8 +
                                          ((escaped[i + 3] - '0') & 7)));
        i += 3;
      } else {
        point.push_back(escaped[i]);
      }
    }
    std::string_view base = std::string_view(point).substr(point.rfind('/') + 1);
    for (const char* name : kSocketNames) {
      if (base == name) found.push_back(point);
    }
  }
  return found;
}

void probe_sockets(const std::vector<std::string>& candidates, std::vector<std::string>& reachable,
                   std::vector<std::string>& refused) {
  std::set<std::pair<dev_t, ino_t>> seen;
  for (const std::string& path : candidates) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
    if (!seen.emplace(st.st_dev, st.st_ino).second) continue;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) continue;
    memcpy(address.sun_path, path.c_str(), path.size() + 1);
    UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.valid()) continue;
    if (connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
      reachable.push_back(path);
    } else {
      refused.push_back(path + " (" + strerror(errno) + ")");
    }
  }
}

SudoFacts inspect_sudo(const std::string& root, const SudoSubject& subject) {
  return inspect_sudo_config(DiskFiles(root), subject);
}

Result<AuditFacts> gather_facts(const GatherOptions& options) {
  AuditFacts facts;
  auto status_text = read_small_file("/proc/self/status");
  if (!status_text) return status_text.error();
  if (!*status_text) {
    return Error{"reading /proc/self/status", "it does not exist", "mount /proc (docker does)"};
  }
  auto status = parse_process_status(**status_text);
  if (!status) return status.error();
  facts.status = *status;

  if (auto map_text = read_text("/proc/self/uid_map")) {
    if (auto map = parse_id_map(*map_text)) facts.uid_map = *map;
  }
  auto accounts = AccountDb::load("/etc/passwd", "/etc/group");
  const AccountDb* db = accounts ? &*accounts : nullptr;
  uint32_t euid = facts.status.uid[1];
  if (db) {
    if (const PasswdEntry* user = db->user_by_uid(euid)) facts.user_name = user->name;
  }
  std::vector<uint32_t> gids = {facts.status.gid[1]};
  gids.insert(gids.end(), facts.status.groups.begin(), facts.status.groups.end());
  SudoSubject subject{facts.user_name, euid, {}, {}};
  for (uint32_t gid : gids) {
    const GroupEntry* group = db ? db->group_by_gid(gid) : nullptr;
    facts.groups.emplace_back(gid, group ? group->name : "");
    subject.gids.push_back(gid);
    if (group) subject.group_names.push_back(group->name);
  }
  const std::string last_cap = read_text("/proc/sys/kernel/cap_last_cap").value_or("");
  int value = 0;
  if (std::from_chars(last_cap.data(), last_cap.data() + last_cap.size(), value).ec ==
          std::errc() &&
      value > 0 && value < 64) {
    facts.cap_last_cap = value;
  }

  read_lsm(facts);
  read_devices(facts);
  facts.kernel_surface = probe_kernel_surface(facts.status.seccomp_mode);
  // Opening for writing changes nothing; only an LSM refuses a mode-0666 device.
  UniqueFd urandom(open("/dev/urandom", O_WRONLY | O_CLOEXEC));
  facts.writes_fenced = !urandom.valid() && errno == EACCES;
  facts.landlock_abi = landlock_abi();
  struct statfs sys {};
  facts.sys_writable =
      statfs("/sys", &sys) == 0 && sys.f_type == SYSFS_MAGIC && !(sys.f_flags & ST_RDONLY);
  if (options.scan) {
    auto scan = find_setuid_programs("/", options.threads);
    if (!scan) return scan.error();
    facts.setuid = *scan;
  }
  facts.sudo = inspect_sudo("", subject);
  facts.writable_sensitive = writable_paths(sensitive_paths());

  std::vector<std::string> sockets(std::begin(kSocketPaths), std::end(kSocketPaths));
  if (auto mountinfo = read_text("/proc/self/mountinfo")) {
    for (std::string& mount : socket_mounts(*mountinfo)) sockets.push_back(std::move(mount));
  }
  probe_sockets(sockets, facts.reachable_sockets, facts.unreachable_sockets);
  return facts;
}

}  // namespace unroot
