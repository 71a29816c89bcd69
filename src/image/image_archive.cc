#include "image/image_archive.h"

#include <fcntl.h>

#include <cstring>
#include <functional>
#include <map>

#include "base/file.h"
#include "base/json_value.h"
#include "base/unique_fd.h"
#include "image/gzip_source.h"

namespace unroot::image {
namespace {

// Manifests and configs are small; a bound keeps a hostile member from being held whole.
constexpr uint64_t kMaxJson = uint64_t{4} << 20;

Error unreadable(const std::string& name, const std::string& why) {
  return Error{"reading " + name, why,
               "give an image archive from docker save or podman save, or an OCI image layout"};
}

// "./a//b" -> "a/b"; "" for names that leave the archive (absolute, `..`).
std::string member_name(std::string_view name) {
  std::string out;
  while (!name.empty()) {
    size_t slash = name.find('/');
    std::string_view part = name.substr(0, slash);
    name = slash == std::string_view::npos ? std::string_view() : name.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") return "";
    if (!out.empty()) out += '/';
    out.append(part);
  }
  return out;
}

// "sha256:HEX" -> "blobs/sha256/HEX", "" when it is not a digest.
std::string blob_name(const std::string& digest) {
  size_t colon = digest.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == digest.size()) return "";
  for (size_t i = 0; i < digest.size(); ++i) {
    char c = digest[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (i > colon && ((c >= 'A' && c <= 'Z') || c == '=' || c == '_' || c == '-'));
    if (i != colon && !ok) return "";
  }
  return "blobs/" + digest.substr(0, colon) + "/" + digest.substr(colon + 1);
}

bool looks_like_tar(std::string_view head) {
  if (head.size() < 512) return false;
  if (head.substr(257, 5) == "ustar") return true;
  // An empty layer is the two zero blocks that end every archive.
  return head.find_first_not_of('\0') == std::string_view::npos;
}

bool is_gzip(std::string_view head) { return head.substr(0, 2) == "\x1f\x8b"; }

bool is_zstd(std::string_view head) { return head.substr(0, 4) == "\x28\xb5\x2f\xfd"; }

// A layer blob that starts with `head` (already taken from `rest`): a tar,
// or a gzip-compressed one.
Result<Layer> read_blob(std::string head, ByteSource& rest, const std::string& name,
                        const LayerLimits& limits, LayerBudget& budget) {
  if (is_zstd(head)) {
    return Error{"reading " + name, "it is zstd-compressed, which unroot does not read",
                 "save the image uncompressed or gzip-compressed (docker save, podman save)"};
  }
  bool gzip = is_gzip(head);
  PrefixedSource whole(std::move(head), rest);
  if (!gzip) return read_layer(whole, name, limits, budget);
  GzipSource inflated(whole, name);
  return read_layer(inflated, name, limits, budget);
}

Result<std::string> peek(ByteSource& source, size_t size) {
  std::string head(size, '\0');
  auto got = read_up_to(source, head.data(), head.size());
  if (!got) return got.error();
  head.resize(*got);
  return head;
}

// Which config and layers make the image, from a docker-archive's
// manifest.json or an OCI layout's index.json and manifest.
struct Plan {
  std::string format;
  std::string config;
  std::vector<std::string> layers;
};

using TextOf = std::function<std::optional<std::string>(const std::string& member)>;

Result<Plan> plan_of(const TextOf& text_of, const std::string& name, bool archive) {
  Plan plan;
  if (auto manifest = text_of("manifest.json")) {
    auto doc = parse_json(*manifest);
    if (!doc || doc->type != JsonValue::Type::kArray || doc->items.empty() ||
        doc->items[0].type != JsonValue::Type::kObject) {
      return unreadable(name, "its manifest.json is not a docker-archive manifest");
    }
    if (doc->items.size() > 1) {
      return unreadable(name, "it holds " + std::to_string(doc->items.size()) + " images");
    }
    plan.format = "docker-archive";
    plan.config = member_name(doc->items[0].string_at("Config"));
    for (const std::string& layer : doc->items[0].strings_at("Layers")) {
      plan.layers.push_back(member_name(layer));
    }
  } else if (auto index = text_of("index.json")) {
    plan.format = archive ? "oci-archive" : "oci-layout";
    auto doc = parse_json(*index);
    // An index may name an index (a multi-platform image); one level is what save writes.
    for (int depth = 0; doc && depth < 4; ++depth) {
      const JsonValue* manifests = doc->find("manifests");
      if (manifests && manifests->type == JsonValue::Type::kArray && !manifests->items.empty()) {
        std::string blob = blob_name(manifests->items[0].string_at("digest"));
        auto next = blob.empty() ? std::nullopt : text_of(blob);
        if (!next) return unreadable(name, "its index names a manifest the archive does not hold");
        doc = parse_json(*next);
        continue;
      }
      const JsonValue* config = doc->find("config");
      const JsonValue* layers = doc->find("layers");
      if (!config || !layers || layers->type != JsonValue::Type::kArray) break;
      plan.config = blob_name(config->string_at("digest"));
      for (const JsonValue& layer : layers->items) {
        plan.layers.push_back(blob_name(layer.string_at("digest")));
      }
      break;
    }
    if (plan.config.empty()) return unreadable(name, "its index.json leads to no image manifest");
  } else {
    return unreadable(name, "it has neither manifest.json nor index.json");
  }
  if (plan.config.empty()) return unreadable(name, "its manifest names no config");
  for (const std::string& layer : plan.layers) {
    if (layer.empty()) return unreadable(name, "its manifest names a layer outside the archive");
  }
  return plan;
}

// The config, then the layers applied in order; `take_layer` hands each over.
Result<Image> assemble(const Plan& plan, const TextOf& text_of,
                       const std::function<Result<Layer>(const std::string&)>& take_layer,
                       const std::string& name) {
  Image image;
  image.format = plan.format;
  auto config_text = text_of(plan.config);
  if (!config_text) return unreadable(name, "its config " + plan.config + " is missing");
  auto config = parse_image_config(*config_text, name + " (" + plan.config + ")");
  if (!config) return config.error();
  image.config = std::move(*config);
  bool digests = image.config.diff_ids.size() == plan.layers.size();
  for (size_t i = 0; i < plan.layers.size(); ++i) {
    std::string id = digests ? image.config.diff_ids[i] : plan.layers[i];
    auto layer = take_layer(plan.layers[i]);
    if (!layer) return layer.error();
    std::string layer_name = name;
    layer_name.append(" layer ").append(id);
    if (auto applied = image.view.apply(std::move(*layer), static_cast<int>(i), layer_name);
        !applied) {
      return applied.error();
    }
    image.layers.push_back(std::move(id));
  }
  return image;
}

}  // namespace

Result<ImageConfig> parse_image_config(std::string_view json, const std::string& name) {
  auto doc = parse_json(json);
  if (!doc || doc->type != JsonValue::Type::kObject) {
    return unreadable(name, "the image config is not a JSON object");
  }
  ImageConfig config;
  if (const JsonValue* run = doc->find("config")) {
    config.user = run->string_at("User");
    config.entrypoint = run->strings_at("Entrypoint");
    config.cmd = run->strings_at("Cmd");
    config.env = run->strings_at("Env");
    config.workdir = run->string_at("WorkingDir");
  }
  if (const JsonValue* rootfs = doc->find("rootfs"))
    config.diff_ids = rootfs->strings_at("diff_ids");
  return config;
}

Result<Image> read_image_archive(ByteSource& source, const std::string& name,
                                 const LayerLimits& limits) {
  std::map<std::string, std::string> texts;
  std::map<std::string, Result<Layer>> layers;
  std::map<std::string, std::string> aliases;  // symbolic links between members
  LayerBudget budget;
  TarReader reader(source, name);
  for (;;) {
    auto next = reader.next();
    if (!next) return next.error();
    if (!*next) break;
    const TarEntry& entry = **next;
    std::string path = member_name(entry.path);
    if (path.empty()) continue;
    if (entry.type == TarEntry::Type::kSymlink || entry.type == TarEntry::Type::kHardLink) {
      std::string dir =
          entry.type == TarEntry::Type::kSymlink && path.find('/') != std::string::npos
              ? path.substr(0, path.rfind('/') + 1)
              : "";
      aliases[path] = member_name(dir + entry.link);
      continue;
    }
    if (entry.type != TarEntry::Type::kFile) continue;
    auto head = peek(reader.data(), 512);
    if (!head) return head.error();
    if (is_gzip(*head) || is_zstd(*head) || looks_like_tar(*head)) {
      std::string member = name;
      member.append(" member ").append(path);
      layers.emplace(path, read_blob(std::move(*head), reader.data(), member, limits, budget));
      // A refused layer only matters when the manifest names it, but a
      // bomb of entries ends the read at once.
      if (budget.entries > limits.max_entries) return layers.at(path).error();
    } else if (entry.size <= kMaxJson) {
      std::string text = std::move(*head);
      text.resize(static_cast<size_t>(entry.size));
      auto rest = read_up_to(reader.data(), text.data() + 512,
                             text.size() - std::min<size_t>(512, text.size()));
      if (!rest) return rest.error();
      texts[path] = std::move(text);
    }
  }
  auto follow = [&aliases](std::string path) {
    for (int hops = 0; hops < 8 && aliases.count(path); ++hops) path = aliases.at(path);
    return path;
  };
  TextOf text_of = [&](const std::string& member) -> std::optional<std::string> {
    auto it = texts.find(follow(member));
    if (it == texts.end()) return std::nullopt;
    return it->second;
  };
  auto plan = plan_of(text_of, name, true);
  if (!plan) return plan.error();
  auto take_layer = [&](const std::string& member) -> Result<Layer> {
    auto it = layers.find(follow(member));
    if (it == layers.end()) return unreadable(name, "its layer " + member + " is missing");
    Result<Layer> layer = std::move(it->second);
    layers.erase(it);
    return layer;
  };
  auto image = assemble(*plan, text_of, take_layer, name);
  if (image) image->budget = budget;
  return image;
}

Result<Image> read_image_layout(const std::string& dir, const LayerLimits& limits) {
  TextOf text_of = [&](const std::string& member) -> std::optional<std::string> {
    auto text = read_small_file(dir + "/" + member);
    if (!text || !*text) return std::nullopt;
    return **text;
  };
  auto plan = plan_of(text_of, dir, false);
  if (!plan) return plan.error();
  LayerBudget budget;
  auto take_layer = [&](const std::string& member) -> Result<Layer> {
    std::string path = dir + "/" + member;
    UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) return unreadable(dir, "its layer " + member + ": " + strerror(errno));
    FdSource file(fd.get(), path);
    auto head = peek(file, 512);
    if (!head) return head.error();
    return read_blob(std::move(*head), file, dir + " layer " + member, limits, budget);
  };
  auto image = assemble(*plan, text_of, take_layer, dir);
  if (image) image->budget = budget;
  return image;
}

}  // namespace unroot::image
