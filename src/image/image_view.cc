#include "image/image_view.h"

namespace unroot::image {
namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string child_prefix(const std::string& dir) { return dir == "/" ? "/" : dir + "/"; }

}  // namespace

ImageView::ImageView() { nodes_["/"] = ImageNode{}; }

const ImageNode* ImageView::find(const std::string& path) const {
  auto it = nodes_.find(path);
  return it == nodes_.end() ? nullptr : &it->second;
}

void ImageView::erase_tree(const std::string& path, bool keep_top) {
  std::string prefix = child_prefix(path);
  auto it = nodes_.lower_bound(prefix);
  while (it != nodes_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    it = nodes_.erase(it);
  }
  if (!keep_top && path != "/") nodes_.erase(path);
}

Status ImageView::apply(Layer layer, int index, const std::string& name) {
  for (const std::string& dir : layer.opaque_dirs) erase_tree(dir, true);
  for (const std::string& path : layer.whiteouts) erase_tree(path, false);
  for (LayerEntry& entry : layer.entries) {
    auto refuse = [&](const std::string& why) {
      return Error{"reading " + name, "entry '" + entry.path + "' " + why,
                   "this archive is not an image a build makes; do not load it"};
    };
    // Every directory above the entry must be one: a link there would take
    // an extractor elsewhere.
    for (size_t slash = entry.path.find('/', 1); slash != std::string::npos;
         slash = entry.path.find('/', slash + 1)) {
      std::string above = entry.path.substr(0, slash);
      auto it = nodes_.find(above);
      if (it == nodes_.end()) {
        ImageNode dir;
        dir.layer = index;
        nodes_.emplace(above, dir);
      } else if (it->second.type == TarEntry::Type::kSymlink) {
        return refuse("is below the symbolic link " + above);
      } else if (it->second.type != TarEntry::Type::kDirectory) {
        ImageNode dir;
        dir.layer = index;
        it->second = dir;
      }
    }
    ImageNode node;
    const EntryExtras& extras = layer.extras_of(entry);
    if (entry.type == TarEntry::Type::kHardLink) {
      const ImageNode* target = find(extras.link);
      if (!target || target->type == TarEntry::Type::kDirectory) {
        return refuse("is a hard link to " + extras.link + ", which is not a file of the image");
      }
      node = *target;
    } else {
      node.type = entry.type;
      node.mode = entry.mode;
      node.uid = entry.uid;
      node.gid = entry.gid;
      node.size = entry.size;
      if (entry.extras) {
        extras_.push_back(std::move(layer.extras[entry.extras - 1]));
        node.extras = static_cast<uint32_t>(extras_.size());
      }
    }
    node.layer = index;
    auto it = nodes_.find(entry.path);
    if (it != nodes_.end() && it->second.type == TarEntry::Type::kDirectory &&
        node.type != TarEntry::Type::kDirectory) {
      erase_tree(entry.path, true);
    }
    // The path moves into the view: the layer held it until now, never both.
    nodes_.insert_or_assign(std::move(entry.path), node);
  }
  return Ok{};
}

std::optional<std::string> ImageView::resolve(std::string_view path) const {
  std::vector<std::string> pending;  // components still to walk, last first
  auto push = [&pending](std::string_view text) {
    std::vector<std::string> parts;
    while (!text.empty()) {
      size_t slash = text.find('/');
      std::string_view part = text.substr(0, slash);
      text = slash == std::string_view::npos ? std::string_view() : text.substr(slash + 1);
      if (!part.empty() && part != ".") parts.emplace_back(part);
    }
    pending.insert(pending.end(), parts.rbegin(), parts.rend());
  };
  push(path);
  std::string current = "/";
  int links = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.back());
    pending.pop_back();
    if (part == "..") {
      current = parent_of(current);
      continue;
    }
    std::string next = child_prefix(current) + part;
    const ImageNode* node = find(next);
    if (!node) return std::nullopt;
    if (node->type != TarEntry::Type::kSymlink) {
      current = std::move(next);
      continue;
    }
    if (++links > 40) return std::nullopt;  // the kernel's ELOOP limit
    const std::string& target = extras(*node).link;
    if (!target.empty() && target.front() == '/') current = "/";
    push(target);
  }
  return current;
}

const EntryExtras& ImageView::extras(const ImageNode& node) const {
  static const EntryExtras kNone;
  return node.extras ? extras_[node.extras - 1] : kNone;
}

std::vector<std::string> ImageView::list(const std::string& dir) const {
  std::vector<std::string> names;
  std::string prefix = child_prefix(dir);
  for (auto it = nodes_.lower_bound(prefix);
       it != nodes_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (it->first.size() > prefix.size() &&
        it->first.find('/', prefix.size()) == std::string::npos) {
      names.push_back(it->first.substr(prefix.size()));
    }
  }
  return names;
}

}  // namespace unroot::image
