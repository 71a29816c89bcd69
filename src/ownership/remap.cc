#include "ownership/remap.h"

#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

#include "base/file.h"
#include "ownership/account_files.h"
#include "ownership/file_owner.h"
#include "ownership/tree_walk.h"
#include "privilege/capability_set.h"

namespace unroot {
namespace {

Error remap_error(const Identity& target, std::string why, std::string fix) {
  return Error{"cannot remap \"" + target.user_name + "\"", std::move(why), std::move(fix)};
}

/// The ids asked for, each defaulting to the user's current one.
Result<std::pair<uint32_t, uint32_t>> wanted_ids(const RemapRequest& request,
                                                 const Identity& target, Reporter& reporter) {
  uint32_t uid = target.uid;
  uint32_t gid = target.gid;
  if (!request.uid_from.empty()) {
    struct stat st {};
    if (stat(request.uid_from.c_str(), &st) != 0) {
      return remap_error(target, "--uid-from " + request.uid_from + ": " + strerror(errno),
                         "mount the folder whose owner the user should take");
    }
    if (st.st_uid == 0 || st.st_gid == 0) {
      reporter.notice(
          request.uid_from + " is owned by " + std::to_string(st.st_uid) + ":" +
          std::to_string(st.st_gid) + "; root's ids are never taken, " +
          (st.st_uid == 0 && st.st_gid == 0 ? "ids left as they are" : "only the other"));
    }
    if (st.st_uid != 0) uid = st.st_uid;
    if (st.st_gid != 0) gid = st.st_gid;
  }
  if (request.uid) uid = *request.uid;
  if (request.gid) gid = *request.gid;
  if ((request.uid && uid == 0) || (request.gid && gid == 0)) {
    return remap_error(target, "uid and gid 0 belong to root",
                       "give the host user's ids, e.g. --uid \"$(id -u)\" --gid \"$(id -g)\"");
  }
  return std::pair{uid, gid};
}

/// The new account files' texts, with a notice for ids another entry has too.
Result<std::pair<std::string, std::string>> new_account_texts(const Identity& target,
                                                              const AccountDb& db, uint32_t uid,
                                                              uint32_t gid, Reporter& reporter) {
  auto passwd = read_small_file(db.passwd_path());
  if (!passwd) return passwd.error();
  auto group = read_small_file(db.group_path());
  if (!group) return group.error();
  auto new_passwd = rewrite_passwd_ids(passwd->value_or(""), target.user_name, uid, gid);
  if (!new_passwd) return new_passwd.error();
  std::string new_group = group->value_or("");
  if (const GroupEntry* primary = db.group_by_gid(target.gid)) {
    auto rewritten = rewrite_group_gid(new_group, primary->name, gid);
    if (!rewritten) return rewritten.error();
    new_group = *rewritten;
  }
  const PasswdEntry* same_uid = db.user_by_uid(uid);
  if (same_uid && same_uid->name != target.user_name) {
    reporter.notice("uid " + std::to_string(uid) + " also belongs to \"" + same_uid->name +
                    "\" in " + db.passwd_path() + "; both entries are kept");
  }
  const GroupEntry* same_gid = db.group_by_gid(gid);
  if (same_gid && gid != target.gid) {
    reporter.notice("gid " + std::to_string(gid) + " also belongs to group \"" + same_gid->name +
                    "\" in " + db.group_path() + "; both entries are kept");
  }
  return std::pair{std::move(*new_passwd), std::move(new_group)};
}

/// chown mode: every file of the old uid/gid under `root` gets the new ones,
/// on all CPUs, with progress for a person watching.
Status chown_tree(const std::string& root, const Identity& target, uint32_t uid, uint32_t gid,
                  std::atomic<unsigned long>* changed, unsigned long* scanned, Reporter& reporter) {
  struct stat st {};
  if (lstat(root.c_str(), &st) != 0 && errno == ENOENT) return Ok{};
  auto visit = [&](int dir_fd, const char* name, const struct stat& s) -> Status {
    bool old_uid = s.st_uid == target.uid;
    bool old_gid = s.st_gid == target.gid;
    if (!old_uid && !old_gid) return Ok{};
    ++*changed;
    return change_owner(dir_fd, name, s, old_uid ? uid : s.st_uid, old_gid ? gid : s.st_gid);
  };
  unsigned long before = *scanned;
  auto progress = [&](unsigned long now) {
    reporter.progress("remapping " + target.user_name + ": " + std::to_string(before + now) +
                      " scanned, " + std::to_string(changed->load()) + " changed");
  };
  auto walked = walk_tree(root, visit, usable_cpus(), progress);
  if (!walked) return walked.error();
  *scanned += walked->scanned;
  return Ok{};
}

double seconds_since(const timespec& start) {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec - start.tv_sec) +
         static_cast<double>(now.tv_nsec - start.tv_nsec) / 1e9;
}

}  // namespace

Result<Identity> remap_user(const RemapRequest& request, const Identity& target,
                            const AccountDb& db, Reporter& reporter) {
  if (target.user_name.empty() || target.uid == 0) {
    if (!request.asked()) return target;
    if (target.uid == 0) {
      return remap_error(target, "root is never remapped", "remap the application's user");
    }
    return Error{"cannot remap uid " + std::to_string(target.uid),
                 "it has no entry in " + db.passwd_path(),
                 "name a user of the image in SPEC to remap it"};
  }
  // A prepared user's image files belong to the primary group it had when
  // prepared (or to group 0, prepared for arbitrary uids). Once remapped (now,
  // or at an earlier start of this container, whose rewritten /etc/passwd is
  // what `target` was read from) it keeps that group, so they stay reachable.
  auto prepared = find_prepared(request.prepared_path, target.user_name);
  if (!prepared) return prepared.error();
  const bool is_prepared = prepared->has_value();
  auto with_ids = [&](uint32_t uid, uint32_t gid) {
    Identity id = target;
    id.uid = uid;
    id.gid = gid;
    std::replace(id.groups.begin(), id.groups.end(), target.gid, gid);
    // With the ids it was prepared with, the user owns its files itself.
    if (is_prepared && (uid != (*prepared)->uid || gid != (*prepared)->gid)) {
      id.groups.push_back((*prepared)->group_of_files());
    }
    std::sort(id.groups.begin(), id.groups.end());
    id.groups.erase(std::unique(id.groups.begin(), id.groups.end()), id.groups.end());
    return id;
  };
  if (!request.asked()) return with_ids(target.uid, target.gid);

  auto ids = wanted_ids(request, target, reporter);
  if (!ids) return ids.error();
  auto [uid, gid] = *ids;
  if (uid == target.uid && gid == target.gid) return with_ids(uid, gid);

  auto texts = new_account_texts(target, db, uid, gid, reporter);
  if (!texts) return texts.error();
  Status writable = check_replaceable(db.passwd_path());
  if (writable) writable = check_replaceable(db.group_path());

  if (!is_prepared) {
    if (!writable) {
      return remap_error(target, writable.error().why,
                         "prepare the image at build time (RUN unroot prepare " + target.user_name +
                             "), or run with a writable /etc");
    }
    // Changing owners of files in directories only their owner may read:
    // CAP_DAC_OVERRIDE (Docker's default) or CAP_DAC_READ_SEARCH does for the reading.
    CapabilitySet effective = process_capabilities(CapabilityFlag::kEffective);
    const int missing = !effective.has(CAP_CHOWN)    ? CAP_CHOWN
                        : !effective.has(CAP_FOWNER) ? CAP_FOWNER
                        : !effective.has(CAP_DAC_OVERRIDE) && !effective.has(CAP_DAC_READ_SEARCH)
                            ? CAP_DAC_OVERRIDE
                            : -1;
    if (missing >= 0) {
      return remap_error(
          target, "the container lacks " + capability_name(missing) + ", which chown mode needs",
          "prepare the image at build time (RUN unroot prepare " + target.user_name +
              "), or keep the capability");
    }
    timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    std::atomic<unsigned long> changed{0};
    unsigned long scanned = 0;
    std::vector<std::string> roots = request.chown_paths;
    if (target.home != "/") roots.insert(roots.begin(), target.home);
    for (const auto& root : roots) {
      Status done = chown_tree(root, target, uid, gid, &changed, &scanned, reporter);
      if (!done) return done.error();
    }
    char summary[160];
    (void)std::snprintf(
        summary, sizeof summary, "remapped %s to %u:%u: %lu files changed, %lu scanned, %.2f s",
        target.user_name.c_str(), uid, gid, changed.load(), scanned, seconds_since(start));
    reporter.notice(summary);
  }
  Identity remapped = with_ids(uid, gid);

  if (!writable) {
    reporter.notice("cannot rewrite " + db.passwd_path() + " (" + writable.error().why +
                    "): running as " + std::to_string(uid) + ":" + std::to_string(gid) +
                    " all the same; name look-ups of uid " + std::to_string(uid) + " will fail");
    return remapped;
  }
  Status passwd_done = replace_file(db.passwd_path(), texts->first);
  if (!passwd_done) return passwd_done.error();
  Status group_done = replace_file(db.group_path(), texts->second);
  if (!group_done) return group_done.error();
  return remapped;
}

}  // namespace unroot
