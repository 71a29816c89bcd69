// libFuzzer target: an image archive (docker-archive or OCI, with manifest,
// index and config JSON), read and, when it is an image, audited whole; and
// the same bytes as an image config.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "image/audit_report.h"
#include "image/image_archive.h"
#include "image/image_audit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)unroot::image::parse_image_config(bytes, "fuzz");
  unroot::image::LayerLimits limits;
  limits.max_entries = 256;
  unroot::image::MemorySource source(bytes);
  auto image = unroot::image::read_image_archive(source, "fuzz", limits);
  if (!image) return 0;
  unroot::image::AuditedImage audited{"fuzz", &*image, unroot::image::audit_image(*image)};
  if (unroot::image::render_audit_json(audited).empty()) __builtin_trap();
  (void)unroot::image::render_audit_sarif(audited, "0");
  return 0;
}
