// Rewriting /etc/passwd and /etc/group for a remapped user: text in, text
// out, then one atomic replacement of the file.
//
// Contract: only the id fields of the first entry with the given name change;
// every other byte of the file (other lines, comments, the rest of that line,
// line endings) stays as it was. The file on disk is replaced whole, never
// edited in place: readers see the old file or the new one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace unroot {

/// `passwd_text` with the uid and gid fields of `user`'s first entry replaced.
/// An Error when there is no such (valid) entry.
Result<std::string> rewrite_passwd_ids(std::string_view passwd_text, std::string_view user,
                                       uint32_t uid, uint32_t gid);

/// `group_text` with the gid field of `group`'s first entry replaced.
Result<std::string> rewrite_group_gid(std::string_view group_text, std::string_view group,
                                      uint32_t gid);

/// Replaces `path` with `content`: a new file in the same directory with the
/// old one's mode and owner, written, fsync'd, renamed over `path`, and the
/// directory fsync'd. On an Error `path` is unchanged.
Status replace_file(const std::string& path, std::string_view content);

/// Whether replace_file(path, ...) can succeed, checked by creating and removing
/// the same kind of temporary file; an Error (e.g. read-only file system) says why not.
Status check_replaceable(const std::string& path);

}  // namespace unroot
