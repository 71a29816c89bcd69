#include "launch/become_user.h"

#include <stdlib.h>
#include <unistd.h>

#include <optional>

#include "identity/account_db.h"
#include "identity/user_spec.h"
#include "ownership/arbitrary_uid.h"
#include "ownership/home_dir.h"

namespace unroot {

Result<DropOutcome> become_user(const BecomeUserRequest& request, Reporter& reporter) {
  std::string spec = request.spec;
  if (request.honor_unroot_user) {
    if (const char* override_spec = getenv("UNROOT_USER")) spec = override_spec;
  }

  auto db = AccountDb::load(request.passwd_path, request.group_path);
  if (!db) return db.error();
  const Caller caller{getuid(), getgid()};
  auto target = resolve_user_spec(spec, *db, caller);

  // Before any change (the remap rewrites files): a wrong path stops here.
  std::optional<WriteFence> fence;
  if (!request.writes.paths.empty()) {
    if (request.allow_escalation) {
      return Error{"--write cannot go with --allow-escalation",
                   "Landlock needs no_new_privs, which --allow-escalation leaves off",
                   "drop one of the two"};
    }
    auto prepared = WriteFence::prepare(request.writes, reporter);
    if (!prepared) return prepared.error();
    fence = std::move(*prepared);
  }

  DropPlan plan{std::nullopt, request.keep, request.allow_escalation, request.allow_groups};
  // Where HOME may point, best first.
  std::vector<std::string> homes;
  // Started as a uid the image does not know, for a named SPEC (OpenShift).
  bool arbitrary_uid = false;
  if (geteuid() == 0) {
    if (!target) return target.error();
    // A remap changes files; first make sure the drop after it can succeed.
    if (request.remap.asked()) {
      Status can_drop = check_drop(
          DropPlan{*target, request.keep, request.allow_escalation, request.allow_groups});
      if (!can_drop) return can_drop.error();
    }
    auto remapped = remap_user(request.remap, *target, *db, reporter);
    if (!remapped) return remapped.error();
    plan.target = *remapped;
    homes.push_back(remapped->home);
  } else {
    if (!request.keep_identity_when_unprivileged) {
      return Error{"failed switching to \"" + spec + "\"", "operation not permitted",
                   "start the container as root, or drop this call"};
    }
    // The engine already chose an unprivileged identity (docker run --user,
    // runAsUser); respect it, and only say so when SPEC disagrees.
    if (request.remap.asked()) {
      reporter.notice("started as uid " + std::to_string(caller.uid) +
                      ", not root: no remap is possible, none attempted");
    }
    auto self = resolve_user_spec("", *db, caller);
    arbitrary_uid = db->user_by_uid(caller.uid) == nullptr && target && !target->user_name.empty();
    if (self && !arbitrary_uid) homes.push_back(self->home);
    // An entry the engine wrote for an arbitrary uid (Podman, CRI-O) has HOME
    // "/"; the home the image made for SPEC's user (OpenShift's g=u) is next.
    if (target && !target->user_name.empty()) homes.push_back(target->home);
    if (!target) {
      reporter.notice("started as uid " + std::to_string(caller.uid) + ", keeping it (" +
                      target.error().why + ")");
    } else if (target->uid != caller.uid || target->gid != caller.gid) {
      reporter.notice("started as " + std::to_string(caller.uid) + ":" +
                      std::to_string(caller.gid) + ", not root: keeping it instead of \"" + spec +
                      "\" (" + std::to_string(target->uid) + ":" + std::to_string(target->gid) +
                      ")");
    }
  }

  auto outcome = drop_privileges(plan, reporter);
  if (!outcome) return outcome.error();
  // Judged as the process CMD will be, so after the drop (which, started
  // unprivileged, changes no id: the entry is appended as before it).
  const std::string home = usable_home(homes);
  if (arbitrary_uid) adopt_arbitrary_uid(*db, *target, caller, home, reporter);

  if (setenv("HOME", home.c_str(), 1) != 0 ||
      (request.honor_unroot_user && unsetenv("UNROOT_USER") != 0)) {
    return Error{"cannot set the environment", "out of memory", "retry"};
  }
  // Last: the steps above may still write (an arbitrary uid's passwd entry).
  if (fence) {
    if (Status fenced = fence->enforce(); !fenced) return fenced.error();
  }
  return outcome;
}

}  // namespace unroot
