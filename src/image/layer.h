// Layer: one image layer read from its tar stream into what the image view
// needs — each entry's normalized path, type, mode, owner, link target and
// file capability, its whiteouts (`.wh.NAME`) and opaque directories
// (`.wh..wh..opq`), and the text of the few files an audit reads (account
// files, sudoers and doas.conf, supervisord configuration, scripts that start
// with `#!`), each at most a MiB and all within a total budget. The contents of every
// other file are skipped, never held; a file called unroot is scanned for
// the version line it prints.
//
// Hostile layers are refused with an Error: absolute names and `..`, a
// symbolic link whose target climbs above the root, names or links beyond
// PATH_MAX, more entries than the limit. Device files are recorded, never created: nothing
// here touches the file system.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "image/byte_source.h"
#include "image/tar_reader.h"

namespace unroot::image {

struct LayerLimits {
  uint64_t max_entries = 1'000'000;  ///< per image, all layers together
  /// Larger files are never kept; a script among them counts as dropped.
  /// Entrypoint scripts run to tens of KiB; a megabyte is a generated bundle.
  size_t max_kept_file = size_t{1} << 20;
  size_t max_kept_total = size_t{16} << 20;  ///< per image
};

/// What the layers read so far have used of the limits.
struct LayerBudget {
  uint64_t entries = 0;
  size_t kept = 0;
  /// Files wanted but not kept: the total budget was spent, or a script
  /// was larger than a file may be.
  uint64_t dropped = 0;
};

/// What few entries have: a link's target, a file capability, kept text, a
/// version line. Kept apart so that the many entries without stay small: an
/// image's metadata is what bounds the audit's memory.
struct EntryExtras {
  std::string link;                 ///< kSymlink: target as stored; kHardLink: normalized path
  std::string capability;           ///< raw security.capability
  std::optional<std::string> text;  ///< kept contents
  /// A file called unroot: the version line its --version prints, found in
  /// its bytes ("unroot 0.1.0 (1a2b3c4d5e6f, amd64)"), "" when none is.
  std::string unroot_version;
};

struct LayerEntry {
  std::string path;  ///< absolute and normalized: "/etc/passwd"; "/" for the root
  uint64_t size = 0;
  uint32_t mode = 0;
  uint32_t uid = 0;
  uint32_t gid = 0;
  TarEntry::Type type = TarEntry::Type::kFile;
  uint32_t extras = 0;  ///< 1 + its index in Layer::extras; 0 for none
};

struct Layer {
  std::vector<LayerEntry> entries;
  std::vector<EntryExtras> extras;
  std::vector<std::string> whiteouts;    ///< paths the layer deletes from below
  std::vector<std::string> opaque_dirs;  ///< directories whose lower contents it hides

  /// The extras of `entry`, empty ones when it has none.
  const EntryExtras& extras_of(const LayerEntry& entry) const;
};

/// Reads one layer's tar stream. `name` names it in errors.
Result<Layer> read_layer(ByteSource& source, const std::string& name, const LayerLimits& limits,
                         LayerBudget& budget);

/// Whether an audit reads the file at normalized `path` whatever it holds.
bool audited_config(const std::string& path);

}  // namespace unroot::image
