// Rendering of `unroot audit` findings, in lint's three forms: text lines
// `IMAGE[:PATH[:LINE]] ID severity message (layer DIGEST) (fix: remedy)`,
// a JSON document (schema in README.md), and SARIF 2.1.0 whose results are
// located in the image's file system (uriBaseId IMAGEROOT) or, for the
// config, in the audited archive or reference.
#pragma once

#include <string>
#include <vector>

#include "image/image_archive.h"
#include "image/image_audit.h"

namespace unroot::image {

struct AuditedImage {
  std::string name;  ///< as given: an archive's path or an engine's reference
  const Image* image = nullptr;
  std::vector<AuditFinding> findings;
};

std::string render_audit_text(const AuditedImage& audited);
std::string render_audit_json(const AuditedImage& audited);
std::string render_audit_sarif(const AuditedImage& audited, const std::string& version);

}  // namespace unroot::image
