#include "identity/user_spec.h"

#include <algorithm>
#include <optional>

#include "identity/numeric_id.h"

namespace unroot {
namespace {

Error spec_error(std::string_view spec, std::string why, std::string fix) {
  return Error{"cannot resolve user spec \"" + std::string(spec) + "\"", std::move(why),
               std::move(fix)};
}

}  // namespace

Result<Identity> resolve_user_spec(std::string_view spec, const AccountDb& db, Caller caller) {
  size_t colon = spec.find(':');
  std::string_view user_part = spec.substr(0, colon);
  bool has_group = colon != std::string_view::npos && colon + 1 < spec.size();
  std::string_view group_part = has_group ? spec.substr(colon + 1) : std::string_view();

  Identity id;
  const PasswdEntry* entry = nullptr;
  if (user_part.empty()) {
    entry = db.user_by_uid(caller.uid);
    id.uid = caller.uid;
  } else if (all_digits(user_part)) {
    std::optional<uint32_t> uid = parse_id(user_part);
    if (!uid) {
      return spec_error(spec, "uid " + std::string(user_part) + " is outside 0..4294967294",
                        "use a uid in that range");
    }
    entry = db.user_by_uid(*uid);
    id.uid = *uid;
  } else {
    entry = db.user_by_name(user_part);
    if (!entry) {
      return spec_error(spec, "no user \"" + std::string(user_part) + "\" in " + db.passwd_path(),
                        "create the user in the image, or give a numeric uid");
    }
    id.uid = entry->uid;
  }

  if (entry) {
    id.gid = entry->gid;
    id.home = entry->home.empty() ? "/" : entry->home;
    id.user_name = entry->name;
  } else {
    id.gid = caller.gid;
    id.home = "/";
  }

  if (has_group) {
    if (all_digits(group_part)) {
      std::optional<uint32_t> gid = parse_id(group_part);
      if (!gid) {
        return spec_error(spec, "gid " + std::string(group_part) + " is outside 0..4294967294",
                          "use a gid in that range");
      }
      id.gid = *gid;
    } else {
      const GroupEntry* group = db.group_by_name(group_part);
      if (!group) {
        return spec_error(spec,
                          "no group \"" + std::string(group_part) + "\" in " + db.group_path(),
                          "create the group in the image, or give a numeric gid");
      }
      id.gid = group->gid;
    }
    id.groups = {id.gid};
    return id;
  }

  id.groups = {id.gid};
  if (entry) {
    for (const auto& group : db.groups()) {
      bool member =
          std::find(group.members.begin(), group.members.end(), entry->name) != group.members.end();
      if (member && std::find(id.groups.begin(), id.groups.end(), group.gid) == id.groups.end()) {
        id.groups.push_back(group.gid);
      }
    }
  }
  return id;
}

std::string describe_identity(const Identity& identity) {
  std::string s = std::to_string(identity.uid) + ":" + std::to_string(identity.gid) + ":";
  for (size_t i = 0; i < identity.groups.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(identity.groups[i]);
  }
  return s;
}

}  // namespace unroot
