#include "cli/drop_options.h"

#include <stdlib.h>

#include <string>

#include "base/split.h"
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

const char* const kDropUsage =
    "  --keep-cap NAME        keep capability NAME (e.g. NET_BIND_SERVICE) through the\n"
    "                         drop as an ambient capability; repeatable\n"
    "  --allow-escalation     UNSAFE: leave no_new_privs off and the bounding set full,\n"
    "                         so setuid programs in the image work again\n"
    "  --allow GROUP          let the system calls of GROUP through unroot's seccomp\n"
    "                         filter: namespaces, keyring, bpf, userfaultfd, perf,\n"
    "                         io_uring, ptrace, personality, or all; repeatable or\n"
    "                         comma-separated; env UNROOT_ALLOW adds to them\n"
    "  --write PATH           fence writes (Landlock): create, change and remove files\n"
    "                         only beneath PATH, /tmp and the usual devices; repeatable;\n"
    "                         env UNROOT_WRITE (colon-separated) adds to them\n"
    "  --write-strict         refuse to start unless the kernel enforces all of --write\n"
    "  --quiet                no notices on stderr (errors are still printed)\n"
    "  --uid N, --gid N       give the user these ids first (never 0); env UNROOT_UID,\n"
    "                         UNROOT_GID (or PUID, PGID) override them\n"
    "  --uid-from PATH        take uid and gid from the owner of PATH (a bind mount)\n"
    "  --chown-path PATH      in an unprepared image, also chown the user's files\n"
    "                         under PATH (besides its home); repeatable\n";

void append_drop_options(std::vector<option>& options) {
  options.push_back({"keep-cap", required_argument, nullptr, kKeepCap});
  options.push_back({"allow-escalation", no_argument, nullptr, kAllowEscalation});
  options.push_back({"allow", required_argument, nullptr, kAllowGroup});
  options.push_back({"write", required_argument, nullptr, kWrite});
  options.push_back({"write-strict", no_argument, nullptr, kWriteStrict});
  options.push_back({"quiet", no_argument, nullptr, kQuiet});
  options.push_back({"uid", required_argument, nullptr, kRemapUid});
  options.push_back({"gid", required_argument, nullptr, kRemapGid});
  options.push_back({"uid-from", required_argument, nullptr, kRemapUidFrom});
  options.push_back({"chown-path", required_argument, nullptr, kRemapChownPath});
}

std::optional<Status> apply_drop_option(int id, const char* arg, DropOptions& options) {
  RemapRequest& remap = options.request.remap;
  switch (id) {
    case kKeepCap: {
      auto cap = parse_capability_name(arg);
      if (!cap) return Status(cap.error());
      options.request.keep.add(*cap);
      return Status(Ok{});
    }
    case kAllowEscalation:
      options.request.allow_escalation = true;
      return Status(Ok{});
    case kAllowGroup: {
      auto groups = parse_syscall_group_list(arg);
      if (!groups) return Status(groups.error());
      options.request.allow_groups.add(*groups);
      return Status(Ok{});
    }
    case kWrite:
      options.request.writes.paths.emplace_back(arg);
      return Status(Ok{});
    case kWriteStrict:
      options.request.writes.strict = true;
      return Status(Ok{});
    case kQuiet:
      options.quiet = true;
      return Status(Ok{});
    case kRemapUid:
    case kRemapGid: {
      auto value = parse_remap_id(id == kRemapUid ? "--uid" : "--gid", arg);
      if (!value) return Status(value.error());
      (id == kRemapUid ? remap.uid : remap.gid) = *value;
      return Status(Ok{});
    }
    case kRemapUidFrom:
      remap.uid_from = arg;
      return Status(Ok{});
    case kRemapChownPath:
      remap.chown_paths.emplace_back(arg);
      return Status(Ok{});
    default:
      return std::nullopt;
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

Status apply_hardening_environment(BecomeUserRequest& request) {
  if (const char* list = getenv("UNROOT_ALLOW")) {
    auto groups = parse_syscall_group_list(list);
    if (!groups) {
      Error error = groups.error();
      error.what = "UNROOT_ALLOW: " + error.what;
      return error;
    }
    request.allow_groups.add(*groups);
  }
  if (const char* paths = getenv("UNROOT_WRITE")) {
    for (std::string_view path : split_list(paths, ':')) request.writes.paths.emplace_back(path);
  }
  return Ok{};
}

}  // namespace unroot::cli
