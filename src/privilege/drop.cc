#include "privilege/drop.h"

#include <errno.h>
#include <grp.h>
#include <linux/seccomp.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace unroot {
namespace {

struct CapDeleter {
  void operator()(cap_t c) const { cap_free(c); }
};
using CapState = std::unique_ptr<std::remove_pointer_t<cap_t>, CapDeleter>;

/// The ids and groups of the calling process, groups sorted.
struct ProcessIds {
  uid_t ruid = 0, euid = 0, suid = 0;
  gid_t rgid = 0, egid = 0, sgid = 0;
  std::vector<gid_t> groups;
};

ProcessIds read_ids() {
  ProcessIds ids;
  getresuid(&ids.ruid, &ids.euid, &ids.suid);
  getresgid(&ids.rgid, &ids.egid, &ids.sgid);
  int n = getgroups(0, nullptr);
  ids.groups.resize(n > 0 ? static_cast<size_t>(n) : 0);
  if (n > 0) ids.groups.resize(static_cast<size_t>(getgroups(n, ids.groups.data())));
  std::sort(ids.groups.begin(), ids.groups.end());
  return ids;
}

std::vector<gid_t> sorted_groups(const Identity& id) {
  std::vector<gid_t> g(id.groups.begin(), id.groups.end());
  std::sort(g.begin(), g.end());
  return g;
}

bool uids_are(const ProcessIds& ids, uid_t uid) {
  return ids.ruid == uid && ids.euid == uid && ids.suid == uid;
}

bool gids_are(const ProcessIds& ids, const Identity& id) {
  return ids.rgid == id.gid && ids.egid == id.gid && ids.sgid == id.gid &&
         ids.groups == sorted_groups(id);
}

Error step_failed(const char* step, const std::string& why) {
  return Error{std::string("privilege drop failed at step '") + step + "'", why,
               "nothing was executed; report this with the container's settings"};
}

Error errno_failed(const char* step, const char* call) {
  return step_failed(step, std::string(call) + ": " + strerror(errno));
}

Error missing_capability(const char* cap, const std::string& change, const Identity& target) {
  std::string ids = std::to_string(target.uid) + ":" + std::to_string(target.gid);
  return Error{"cannot " + change + " (to " + ids + ")",
               std::string("the process lacks ") + cap + " (the container was started without it)",
               "let the container keep CAP_SETUID and CAP_SETGID, or start it as the user "
               "itself with docker run --user " +
                   ids};
}

}  // namespace

namespace {

constexpr CapabilityFlag kAllSets[] = {CapabilityFlag::kEffective, CapabilityFlag::kPermitted,
                                       CapabilityFlag::kInheritable};

/// The process's state before the drop, as step 1 reads it.
struct Before {
  ProcessIds ids;
  CapabilitySet effective;
  CapabilitySet permitted;
};

Before read_before() {
  return Before{read_ids(), process_capabilities(CapabilityFlag::kEffective),
                process_capabilities(CapabilityFlag::kPermitted)};
}

/// Step 1, check: refuses before anything changes; returns the capabilities
/// that will be kept (an unprivileged start keeps what it has, with notices).
Result<CapabilitySet> check_step(const DropPlan& plan, const Before& before, Reporter& reporter) {
  const uid_t final_uid = plan.target ? plan.target->uid : before.ids.euid;
  if (plan.target && !uids_are(before.ids, plan.target->uid) && !before.effective.has(CAP_SETUID)) {
    return missing_capability("CAP_SETUID", "switch user", *plan.target);
  }
  if (plan.target && !gids_are(before.ids, *plan.target) && !before.effective.has(CAP_SETGID)) {
    return missing_capability("CAP_SETGID", "switch groups", *plan.target);
  }
  CapabilitySet keep;
  if (final_uid == 0) return keep;
  for (int cap = 0; cap < 64; ++cap) {
    if (!plan.keep.has(cap)) continue;
    if (before.permitted.has(cap)) {
      keep.add(cap);
    } else if (plan.target) {
      return Error{"cannot keep " + capability_name(cap), "the container was started without it",
                   "grant it to the container (docker run --cap-add), or do not ask to keep it"};
    } else {
      reporter.notice("cannot keep " + capability_name(cap) + ": started as uid " +
                      std::to_string(before.ids.euid) + " without it; continuing without it");
    }
  }
  return keep;
}

}  // namespace

Status check_drop(const DropPlan& plan) {
  SilentReporter silent;
  auto keep = check_step(plan, read_before(), silent);
  if (!keep) return keep.error();
  return Ok{};
}

Result<DropOutcome> drop_privileges(const DropPlan& plan, Reporter& reporter) {
  DropOutcome outcome;
  const Before before = read_before();
  const uid_t final_uid = plan.target ? plan.target->uid : before.ids.euid;
  const CapabilitySet& effective = before.effective;

  // Step 1, check: refuse before changing anything.
  auto checked = check_step(plan, before, reporter);
  if (!checked) return checked.error();
  const CapabilitySet keep = *checked;
  const bool change_uid = plan.target && !uids_are(before.ids, plan.target->uid);
  const bool change_gid = plan.target && !gids_are(before.ids, *plan.target);

  // Step 2, bound: only root can later exec its way back to a capability in
  // the bounding set; empty it unless the target is root itself.
  if (!plan.allow_escalation && final_uid != 0 && effective.has(CAP_SETPCAP)) {
    for (cap_value_t cap = 0; cap < cap_max_bits(); ++cap) {
      if (!keep.has(cap) && cap_get_bound(cap) == 1 && cap_drop_bound(cap) != 0) {
        return errno_failed("bound", "cap_drop_bound");
      }
    }
    outcome.bounding_cleared = true;
  }

  // Step 3, nnp: setuid-root files and file capabilities no longer elevate.
  if (!plan.allow_escalation && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    return errno_failed("nnp", "prctl(PR_SET_NO_NEW_PRIVS)");
  }

  // Step 4, filter: the kernel accepts a filter from an unprivileged process
  // only under no_new_privs, hence after step 3. An escalating process keeps
  // every group: what it may become is not what the profile was made for.
  const SyscallGroupSet allowed =
      plan.allow_escalation ? SyscallGroupSet::all() : plan.allow_groups;
  if (!plan.allow_escalation || effective.has(CAP_SYS_ADMIN)) {
    Status filter = install_syscall_filter(allowed);
    if (!filter) return step_failed("filter", filter.error().why);
    outcome.filter = true;
  } else {
    reporter.notice(
        "TTY guard not installed: --allow-escalation leaves no_new_privs off and the "
        "process lacks CAP_SYS_ADMIN");
  }

  // Step 5, ids: groups and gid first, while CAP_SETGID is still effective.
  if (change_uid || change_gid) {
    const Identity& t = *plan.target;
    if (!keep.empty() && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) {
      return errno_failed("ids", "prctl(PR_SET_KEEPCAPS)");
    }
    std::vector<gid_t> groups(t.groups.begin(), t.groups.end());
    if (setgroups(groups.size(), groups.data()) != 0) return errno_failed("ids", "setgroups");
    if (setresgid(t.gid, t.gid, t.gid) != 0) return errno_failed("ids", "setresgid");
    if (setresuid(t.uid, t.uid, t.uid) != 0) return errno_failed("ids", "setresuid");
  }

  // Step 6, caps: exactly the kept set, raised as ambient so it survives exec
  // of an ordinary program. Root asked for explicitly keeps root's set. The
  // uid change of step 5 has usually emptied every set already (a change from
  // root to non-root clears them), so each call is made only when needed.
  if (final_uid != 0) {
    bool sets_differ = false;
    for (CapabilityFlag flag : kAllSets) {
      sets_differ = sets_differ || process_capabilities(flag) != keep;
    }
    if (sets_differ) {
      CapState wanted(cap_init());
      if (!wanted) return errno_failed("caps", "cap_init");
      for (cap_value_t cap = 0; cap < 64; ++cap) {
        if (!keep.has(cap)) continue;
        for (cap_flag_t flag : {CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE}) {
          cap_set_flag(wanted.get(), flag, 1, &cap, CAP_SET);
        }
      }
      if (cap_set_proc(wanted.get()) != 0) return errno_failed("caps", "cap_set_proc");
    }
    // The uid change clears the ambient set too, unless the container set
    // SECBIT_NO_SETUID_FIXUP; clearing it here does not depend on that.
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) {
      return errno_failed("caps", "prctl(PR_CAP_AMBIENT_CLEAR_ALL)");
    }
    for (cap_value_t cap = 0; cap < 64; ++cap) {
      if (keep.has(cap) && cap_set_ambient(cap, CAP_SET) != 0) {
        return errno_failed("caps", "cap_set_ambient");
      }
    }
    if (!keep.empty() && prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0) {
      return errno_failed("caps", "PR_SET_KEEPCAPS");
    }
  }

  // Step 7, verify: trust nothing above; read the result back from the kernel.
  const ProcessIds after = read_ids();
  if (plan.target && (!uids_are(after, plan.target->uid) || !gids_are(after, *plan.target))) {
    return step_failed("verify", "ids or groups differ from " + describe_identity(*plan.target));
  }
  if (final_uid != 0) {
    for (CapabilityFlag flag : kAllSets) {
      CapabilitySet now = process_capabilities(flag);
      if (now != keep) return step_failed("verify", "capabilities remain: " + now.to_string());
    }
    // The kernel keeps ambient within permitted and inheritable, both now
    // exactly `keep`, so only the kept capabilities can be ambient.
    for (int cap = 0; cap < 64; ++cap) {
      if (keep.has(cap) && cap_get_ambient(cap) != 1) {
        return step_failed("verify", capability_name(cap) + " is not ambient");
      }
    }
  }
  if (outcome.bounding_cleared) {
    for (cap_value_t cap = 0; cap < cap_max_bits(); ++cap) {
      if (!keep.has(cap) && cap_get_bound(cap) != 0) {
        return step_failed("verify", capability_name(cap) + " is still in the bounding set");
      }
    }
  }
  if (!plan.allow_escalation && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) {
    return step_failed("verify", "no_new_privs is not set");
  }
  if (outcome.filter) {
    if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != SECCOMP_MODE_FILTER) {
      return step_failed("verify", "the seccomp filter is not in force");
    }
    std::optional<SyscallGroupSet> refused = query_syscall_filter();
    if (refused != allowed.complement()) {
      return step_failed("verify", "the seccomp filter refuses " +
                                       (refused ? refused->to_string() : "no known groups") +
                                       ", not " + allowed.complement().to_string());
    }
  }
  if (final_uid != 0 && !keep.has(CAP_SETUID) && setuid(0) == 0) {
    return step_failed("verify", "setuid(0) succeeded after the drop");
  }
  return outcome;
}

}  // namespace unroot
