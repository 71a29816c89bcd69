#include "lint/engine.h"

#include <unistd.h>

#include <cerrno>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dockerfile/json_strings.h"
#include "image/tar_reader.h"
#include "process/child_output.h"

namespace unroot::lint {
namespace {

struct Captured {
  int status = -1;  ///< exit status; -1 when the program could not run
  std::string out;
};

// Runs argv[0] from PATH; stdout captured (bounded: an image's account
// files, not its layers).
Captured capture(const std::vector<std::string>& argv) {
  Captured result;
  auto child = ChildOutput::start(argv);
  if (!child) return result;
  char buffer[65536];
  for (;;) {
    ssize_t n = read(child->out(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (result.out.size() < (size_t{16} << 20)) result.out.append(buffer, static_cast<size_t>(n));
  }
  result.status = child->finish();
  return result;
}

std::optional<BaseImage> inspect(const std::string& cli, const std::string& reference) {
  // One fact per line: the JSON arrays, then the user (never a newline in it).
  Captured config =
      capture({cli, "image", "inspect", "--format",
               "{{json .Config.Entrypoint}}\n{{json .Config.Cmd}}\n{{.Config.User}}", reference});
  if (config.status != 0) return std::nullopt;
  std::string_view out = config.out;
  size_t first = out.find('\n');
  size_t second = first == std::string_view::npos ? first : out.find('\n', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto entrypoint = dockerfile::parse_json_string_array(out.substr(0, first));
  auto cmd = dockerfile::parse_json_string_array(out.substr(first + 1, second - first - 1));
  if (!entrypoint || !cmd) return std::nullopt;
  BaseImage image;
  image.entrypoint = std::move(*entrypoint);
  image.cmd = std::move(*cmd);
  std::string_view user = out.substr(second + 1);
  image.user = std::string(user.substr(0, user.find_first_of("\r\n")));
  // The container is created, never started; its entrypoint only has to exist
  // as a string, so images without a command work too.
  Captured created = capture({cli, "create", "--pull", "never", "--network", "none", "--entrypoint",
                              "/unroot-lint-never-runs", reference});
  std::string id = created.out.substr(0, created.out.find_first_of("\r\n"));
  if (created.status != 0 || id.empty()) return image;
  for (auto [path, into] :
       {std::pair{"/etc/passwd", &image.passwd}, std::pair{"/etc/group", &image.group}}) {
    Captured copied = capture({cli, "cp", id + ":" + path, "-"});
    // An image without the file has no such accounts at all.
    *into = copied.status == 0 ? first_file_in_tar(copied.out).value_or("") : std::string();
  }
  (void)capture({cli, "rm", "-f", id});
  return image;
}

}  // namespace

Result<Engine> parse_engine(std::string_view name) {
  if (name == "auto") return Engine::kAuto;
  if (name == "docker") return Engine::kDocker;
  if (name == "podman") return Engine::kPodman;
  if (name == "none") return Engine::kNone;
  return Error{"--engine", "\"" + std::string(name) + "\" is not an engine",
               "use auto, docker, podman or none"};
}

BaseImageLookup engine_lookup(Engine engine) {
  if (engine == Engine::kNone) return {};
  // One answer per reference for the whole run: several stages and files
  // often share a base.
  auto cache = std::make_shared<std::map<std::string, std::optional<BaseImage>>>();
  return [engine, cache](const std::string& reference) -> std::optional<BaseImage> {
    auto known = cache->find(reference);
    if (known != cache->end()) return known->second;
    std::optional<BaseImage> found;
    if (engine == Engine::kDocker || engine == Engine::kAuto) found = inspect("docker", reference);
    if (!found && (engine == Engine::kPodman || engine == Engine::kAuto))
      found = inspect("podman", reference);
    (*cache)[reference] = found;
    return found;
  };
}

std::optional<std::string> first_file_in_tar(std::string_view tar) {
  image::MemorySource source(tar);
  image::TarReader reader(source, "docker cp");
  for (;;) {
    auto entry = reader.next();
    if (!entry || !*entry) return std::nullopt;
    if ((*entry)->type != image::TarEntry::Type::kFile) continue;
    std::string text(static_cast<size_t>((*entry)->size), '\0');
    auto read = image::read_up_to(reader.data(), text.data(), text.size());
    if (!read || *read != text.size()) return std::nullopt;
    return text;
  }
}

}  // namespace unroot::lint
