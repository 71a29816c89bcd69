// audit_image: the findings of `unroot audit` for an image read from its
// archive, without running it. What the container starts as (Config.User
// against the image's own /etc/passwd) and what its entrypoint really does
// with that (lint's start-up walk on the image's real scripts); then, for the
// user the application ends up as, the same judgements `unroot check` makes
// from inside — setuid programs, sudo/doas rules, writable sensitive paths,
// through the same code and under the same ids — and what only an image
// shows: file capabilities, world-writable paths, files the application
// runs that its user can rewrite, accounts that do not add up, unroot itself.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "image/image_archive.h"
#include "lint/rules.h"

namespace unroot::image {

struct AuditFinding {
  std::string id;
  lint::Severity severity = lint::Severity::kWarning;
  std::string message;
  std::string remedy;
  std::string path;   ///< the file of the image it is about; "" for the config
  int line = 0;       ///< the line of `path`, 0 for none
  std::string layer;  ///< the digest of the layer that placed `path`
};

/// Every id with its default severity and documentation, in report order.
std::span<const lint::RuleInfo> audit_catalog();

/// The findings for `image`, in catalog order.
std::vector<AuditFinding> audit_image(const Image& image);

}  // namespace unroot::image
