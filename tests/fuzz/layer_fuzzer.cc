// libFuzzer target: one image layer's tar stream, read and applied twice onto
// an image view (the second time over the first, as a later layer), then
// links resolved. Invariants: every path in the view is absolute and
// normalized, and no path leaves the root.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "image/image_view.h"
#include "image/layer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  unroot::image::LayerLimits limits;
  limits.max_entries = 256;
  limits.max_kept_total = 8192;
  unroot::image::ImageView view;
  for (int index = 0; index < 2; ++index) {
    unroot::image::MemorySource source(bytes);
    unroot::image::LayerBudget budget;
    auto layer = unroot::image::read_layer(source, "fuzz", limits, budget);
    if (!layer) return 0;
    if (!view.apply(std::move(*layer), index, "fuzz")) return 0;
  }
  for (const auto& [path, node] : view.nodes()) {
    if (path.empty() || path.front() != '/' || path.find("//") != std::string::npos ||
        path.find("/../") != std::string::npos || path.find("/./") != std::string::npos) {
      __builtin_trap();
    }
    auto resolved = view.resolve(path);
    if (resolved && (resolved->empty() || resolved->front() != '/')) __builtin_trap();
    if (node.type == unroot::image::TarEntry::Type::kDirectory) (void)view.list(path);
  }
  return 0;
}
