// ImageView: the file system an image's layers make, in memory — each path's
// type, mode, owner, the layer that put it there and, for the few that have
// them, link target, file capability and kept text. Layers are applied
// bottom to top as overlayfs does: a layer's opaque directories and whiteouts
// first hide what lies below, then its entries replace what is at their
// paths (a non-directory hides a directory's whole subtree; a directory
// over a directory merges). A hard link becomes a copy of its target, which
// must already be in the view; an entry below a symbolic link is refused,
// since an extractor would write through the link.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "image/layer.h"

namespace unroot::image {

struct ImageNode {
  uint64_t size = 0;
  uint32_t mode = 0755;
  uint32_t uid = 0;
  uint32_t gid = 0;
  int32_t layer = -1;  ///< the layer that placed it; -1 for a directory no layer names
  TarEntry::Type type = TarEntry::Type::kDirectory;  ///< never kHardLink
  uint32_t extras = 0;  ///< 1 + its index in the view's extras; 0 for none
};

class ImageView {
 public:
  ImageView();

  /// Applies `layer`, the image's layer number `index`; `name` is for errors.
  Status apply(Layer layer, int index, const std::string& name);

  /// The node at normalized `path` itself (a link is not followed), or nullptr.
  const ImageNode* find(const std::string& path) const;

  /// `path` (absolute) with symbolic links followed in every component, as
  /// the kernel does in a container whose root is this image (`..` stops at
  /// the root); nullopt when nothing is there or links loop.
  std::optional<std::string> resolve(std::string_view path) const;

  /// The names directly under directory `dir`, sorted.
  std::vector<std::string> list(const std::string& dir) const;

  /// Every path, sorted.
  const std::map<std::string, ImageNode>& nodes() const { return nodes_; }

  /// The link target, file capability, kept text and version line of
  /// `node`; empty ones when it has none.
  const EntryExtras& extras(const ImageNode& node) const;

 private:
  void erase_tree(const std::string& path, bool keep_top);
  std::map<std::string, ImageNode> nodes_;
  /// Of every entry applied that had some, replaced or not: few, and never copied.
  std::vector<EntryExtras> extras_;
};

}  // namespace unroot::image
