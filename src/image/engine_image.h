// read_engine_image: an image the local engine has, read as its `save`
// writes it (docker save; podman save --format docker-archive) through a
// pipe, never pulled and never written to disk.
#pragma once

#include <string>

#include "base/result.h"
#include "image/image_archive.h"
#include "lint/engine.h"

namespace unroot::image {

/// `reference` from `engine` (auto: docker if it has the image, else
/// podman). An Error names the engines asked when none has it.
Result<Image> read_engine_image(lint::Engine engine, const std::string& reference,
                                const LayerLimits& limits);

}  // namespace unroot::image
