#include "image/engine_image.h"

#include "process/child_output.h"

namespace unroot::image {
namespace {

bool has_image(const std::string& cli, const std::string& reference) {
  auto child = ChildOutput::start({cli, "image", "inspect", "--format", "{{.Id}}", reference});
  if (!child) return false;
  child->drain();
  return child->finish() == 0;
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "no message" : line;
}

}  // namespace

Result<Image> read_engine_image(lint::Engine engine, const std::string& reference,
                                const LayerLimits& limits) {
  std::vector<std::string> asked;
  for (const char* cli : {"docker", "podman"}) {
    bool wanted = engine == lint::Engine::kAuto ||
                  (engine == lint::Engine::kDocker) == (std::string_view(cli) == "docker");
    if (!wanted) continue;
    asked.emplace_back(cli);
    if (!has_image(cli, reference)) continue;
    std::vector<std::string> argv = {cli, "save"};
    if (std::string_view(cli) == "podman") argv.insert(argv.end(), {"--format", "docker-archive"});
    argv.push_back(reference);
    auto child = ChildOutput::start(argv);
    if (!child) return child.error();
    FdSource source(child->out(), std::string(cli) + " save " + reference);
    auto image = read_image_archive(source, reference, limits);
    // The archive ends before the stream does (tar pads to its record
    // size), and a refused one earlier still: read to the end, or the engine
    // fails writing into a closed pipe and its failure hides the real one.
    child->drain();
    std::string err;
    int status = child->finish(&err);
    // A save that failed explains an archive that stopped short.
    if (status != 0) {
      return Error{std::string(cli) + " save " + reference, first_line(err),
                   "check that the engine can save the image"};
    }
    return image;
  }
  std::string engines;
  for (const std::string& cli : asked) engines += (engines.empty() ? "" : " or ") + cli;
  return Error{
      "auditing " + reference,
      asked.empty() ? "no file of that name, and --engine none"
                    : "no file of that name, and " + engines + " does not have such an image",
      "give an archive (docker save -o FILE IMAGE) or an image the engine has; audit never pulls"};
}

}  // namespace unroot::image
