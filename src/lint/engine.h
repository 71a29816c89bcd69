// Base-image facts from the local engine's command line, never a pull:
// `docker image inspect` (or podman's) for the configured user, entrypoint
// and command; the image's /etc/passwd and /etc/group through `create` +
// `cp` + `rm` of a container that never starts.
#pragma once

#include <string_view>

#include "base/result.h"
#include "lint/build_model.h"

namespace unroot::lint {

enum class Engine { kAuto, kDocker, kPodman, kNone };

/// Parses "auto", "docker", "podman", "none".
Result<Engine> parse_engine(std::string_view name);

/// A lookup that asks `engine` (auto: docker, then podman); none answers nothing.
BaseImageLookup engine_lookup(Engine engine);

/// The contents of the first regular file in a tar stream (what `docker cp
/// CONTAINER:FILE -` writes), or nullopt when there is none.
std::optional<std::string> first_file_in_tar(std::string_view tar);

}  // namespace unroot::lint
