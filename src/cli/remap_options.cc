#include "cli/remap_options.h"

#include <stdlib.h>

#include <string>

#include "identity/numeric_id.h"

namespace unroot::cli {
namespace {

Result<uint32_t> parse_remap_id(const char* source, const char* text) {
  auto id = parse_id(text);
  if (!id) {
    return Error{std::string("invalid ") + source + " \"" + text + "\"",
                 "not a number from 0 to 4294967294", "give the host user's id, e.g. $(id -u)"};
  }
  return *id;
}

// The first of `names` set in the environment, or nullptr.
const char* first_env(std::initializer_list<const char*> names, const char** which) {
  for (const char* name : names) {
    const char* value = getenv(name);
    if (value && *value) {
      *which = name;
      return value;
    }
  }
  return nullptr;
}

}  // namespace

const char* const kRemapUsage =
    "  --uid N, --gid N       give the user these ids first (never 0); env UNROOT_UID,\n"
    "                         UNROOT_GID (or PUID, PGID) override them\n"
    "  --uid-from PATH        take uid and gid from the owner of PATH (a bind mount)\n"
    "  --chown-path PATH      in an unprepared image, also chown the user's files\n"
    "                         under PATH (besides its home); repeatable\n";

void append_remap_options(std::vector<option>& options) {
  options.push_back({"uid", required_argument, nullptr, kRemapUid});
  options.push_back({"gid", required_argument, nullptr, kRemapGid});
  options.push_back({"uid-from", required_argument, nullptr, kRemapUidFrom});
  options.push_back({"chown-path", required_argument, nullptr, kRemapChownPath});
}

bool apply_remap_option(int id, const char* arg, RemapRequest& request, Status* status) {
  switch (id) {
    case kRemapUid:
    case kRemapGid: {
      auto value = parse_remap_id(id == kRemapUid ? "--uid" : "--gid", arg);
      if (!value) {
        *status = value.error();
      } else if (id == kRemapUid) {
        request.uid = *value;
      } else {
        request.gid = *value;
      }
      return true;
    }
    case kRemapUidFrom:
      request.uid_from = arg;
      return true;
    case kRemapChownPath:
      request.chown_paths.emplace_back(arg);
      return true;
    default:
      return false;
  }
}

Status apply_remap_environment(RemapRequest& request) {
  const char* which = nullptr;
  if (const char* uid = first_env({"UNROOT_UID", "PUID"}, &which)) {
    auto value = parse_remap_id(which, uid);
    if (!value) return value.error();
    request.uid = *value;
  }
  if (const char* gid = first_env({"UNROOT_GID", "PGID"}, &which)) {
    auto value = parse_remap_id(which, gid);
    if (!value) return value.error();
    request.gid = *value;
  }
  return Ok{};
}

}  // namespace unroot::cli
