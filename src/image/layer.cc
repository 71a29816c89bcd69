#include "image/layer.h"

#include <limits.h>

#include <algorithm>
#include <string_view>

namespace unroot::image {
namespace {

Error hostile(const std::string& layer, const std::string& path, const std::string& why) {
  return Error{"reading " + layer, "entry '" + path + "' " + why,
               "this archive is not an image a build makes; do not load it"};
}

// "./etc//passwd/" -> "/etc/passwd"; nullopt for an absolute name or `..`.
std::optional<std::string> normalize(std::string_view name) {
  if (!name.empty() && name.front() == '/') return std::nullopt;
  std::string path;
  while (!name.empty()) {
    size_t slash = name.find('/');
    std::string_view part = name.substr(0, slash);
    name = slash == std::string_view::npos ? std::string_view() : name.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") return std::nullopt;
    path.append("/").append(part);
  }
  return path.empty() ? "/" : path;
}

// Whether a symbolic link at `path` to `target`, read lexically, stays
// inside the root: an extractor that followed it would write where it points.
bool stays_inside(const std::string& path, std::string_view target) {
  long depth = 0;
  if (target.empty() || target.front() != '/') {
    for (char c : path) depth += c == '/';
    --depth;  // the link's own name
  }
  while (!target.empty()) {
    size_t slash = target.find('/');
    std::string_view part = target.substr(0, slash);
    target = slash == std::string_view::npos ? std::string_view() : target.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    depth += part == ".." ? -1 : 1;
    if (depth < 0) return false;
  }
  return true;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The version line `unroot --version` prints is a string in the binary:
// "unroot VERSION (COMMIT, ARCH)".
std::string version_line(std::string_view bytes) {
  for (size_t at = bytes.find("unroot "); at != std::string_view::npos;
       at = bytes.find("unroot ", at + 1)) {
    std::string_view line = bytes.substr(at, 96);
    size_t end = line.find(")\n");
    if (end == std::string_view::npos || line.size() < 8 || line[7] < '0' || line[7] > '9')
      continue;
    line = line.substr(0, end + 1);
    size_t open = line.find(" (");
    if (open != std::string_view::npos && line.find(", ", open) != std::string_view::npos &&
        std::all_of(line.begin(), line.end(), [](char c) { return c >= ' ' && c <= '~'; })) {
      return std::string(line);
    }
  }
  return "";
}

// Reads the rest of a file called unroot looking for its version line,
// keeping the tail of each chunk for a line cut in two.
Result<std::string> find_version(ByteSource& data, std::string seen) {
  std::string chunk(size_t{64} * 1024, '\0');
  for (;;) {
    if (std::string found = version_line(seen); !found.empty()) return found;
    if (seen.size() > 96) seen.erase(0, seen.size() - 96);
    auto n = data.read(chunk.data(), chunk.size());
    if (!n) return n.error();
    if (*n == 0) return std::string();
    seen.append(chunk.data(), *n);
  }
}

}  // namespace

const EntryExtras& Layer::extras_of(const LayerEntry& entry) const {
  static const EntryExtras kNone;
  return entry.extras ? extras[entry.extras - 1] : kNone;
}

bool audited_config(const std::string& path) {
  for (std::string_view exact : {"/etc/passwd", "/etc/group", "/etc/sudoers", "/etc/doas.conf",
                                 "/usr/local/etc/doas.conf", "/etc/supervisord.conf"}) {
    if (path == exact) return true;
  }
  for (std::string_view dir : {"/etc/sudoers.d/", "/etc/supervisor/", "/etc/supervisord.d/"}) {
    if (starts_with(path, dir)) return true;
  }
  return ends_with(path, ".sh");
}

Result<Layer> read_layer(ByteSource& source, const std::string& name, const LayerLimits& limits,
                         LayerBudget& budget) {
  Layer layer;
  TarReader reader(source, name);
  for (;;) {
    auto next = reader.next();
    if (!next) return next.error();
    if (!*next) break;
    TarEntry& entry = **next;
    if (++budget.entries > limits.max_entries) {
      return Error{"reading " + name,
                   "the image has more than " + std::to_string(limits.max_entries) + " entries",
                   "this archive is not an image a build makes; do not load it"};
    }
    if (entry.path.size() > PATH_MAX || entry.link.size() > PATH_MAX) {
      return hostile(name, entry.path.substr(0, 64) + "...", "has a name longer than PATH_MAX");
    }
    auto path = normalize(entry.path);
    if (!path) return hostile(name, entry.path, "leaves the root (an absolute name or '..')");
    std::string_view base = std::string_view(*path).substr(path->rfind('/') + 1);
    if (starts_with(base, ".wh.")) {
      std::string dir = path->substr(0, path->rfind('/'));
      if (base == ".wh..wh..opq") {
        layer.opaque_dirs.push_back(dir.empty() ? "/" : dir);
      } else if (!starts_with(base, ".wh..wh.")) {
        // Other `.wh..wh.` names are the storage driver's bookkeeping.
        layer.whiteouts.push_back(dir + "/" + std::string(base.substr(4)));
      }
      continue;
    }
    bool named_unroot = base == "unroot";
    LayerEntry out;
    out.path = std::move(*path);
    out.type = entry.type;
    out.mode = entry.mode;
    out.uid = entry.uid;
    out.gid = entry.gid;
    out.size = entry.size;
    EntryExtras extras;
    extras.capability = std::move(entry.capability);
    if (entry.type == TarEntry::Type::kSymlink) {
      if (!stays_inside(out.path, entry.link)) {
        return hostile(name, out.path, "is a link to '" + entry.link + "', above the root");
      }
      extras.link = std::move(entry.link);
    } else if (entry.type == TarEntry::Type::kHardLink) {
      auto target = normalize(entry.link);
      if (!target) return hostile(name, out.path, "is a hard link out of the root");
      extras.link = std::move(*target);
    }
    if (entry.type == TarEntry::Type::kFile && entry.size <= limits.max_kept_file) {
      std::string text(static_cast<size_t>(entry.size), '\0');
      size_t head = std::min<size_t>(2, text.size());
      auto got = read_up_to(reader.data(), text.data(), head);
      if (!got) return got.error();
      bool wanted = audited_config(out.path) || (head == 2 && text[0] == '#' && text[1] == '!');
      if (wanted && budget.kept + text.size() > limits.max_kept_total) {
        ++budget.dropped;
      } else if (wanted) {
        auto rest = read_up_to(reader.data(), text.data() + head, text.size() - head);
        if (!rest) return rest.error();
        budget.kept += text.size();
        extras.text = std::move(text);
      }
    } else if (entry.type == TarEntry::Type::kFile) {
      char head[2] = {};
      auto got = read_up_to(reader.data(), head, sizeof head);
      if (!got) return got.error();
      if (*got == 2 && head[0] == '#' && head[1] == '!') ++budget.dropped;
    }
    if (entry.type == TarEntry::Type::kFile && named_unroot) {
      auto version = find_version(reader.data(), extras.text.value_or(""));
      if (!version) return version.error();
      extras.unroot_version = std::move(*version);
    }
    if (!extras.link.empty() || !extras.capability.empty() || extras.text ||
        !extras.unroot_version.empty()) {
      layer.extras.push_back(std::move(extras));
      out.extras = static_cast<uint32_t>(layer.extras.size());
    }
    layer.entries.push_back(std::move(out));
  }
  return layer;
}

}  // namespace unroot::image
