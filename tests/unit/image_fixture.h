// Image archives for tests, laid out as `docker save` and an OCI archive
// lay them out (members in the engines' order: layers first, manifest last).
#pragma once

#include <string>
#include <vector>

#include "tar_builder.h"

namespace unroot::testing {

/// A docker-archive: layer i at "iN/layer.tar", config "config.json", then manifest.json.
inline std::string docker_archive(const std::string& config,
                                  const std::vector<std::string>& layers) {
  TarBuilder archive;
  std::string names;
  for (size_t i = 0; i < layers.size(); ++i) {
    std::string name = "l" + std::to_string(i) + "/layer.tar";
    archive.dir("l" + std::to_string(i)).file(name, layers[i]);
    names += (i ? ",\"" : "\"") + name + "\"";
  }
  archive.file("config.json", config);
  archive.file("manifest.json",
               R"([{"Config":"config.json","RepoTags":["t:1"],"Layers":[)" + names + "]}]");
  return archive.done();
}

/// An OCI archive with made-up digests (the reader names blobs by them).
inline std::string oci_archive(const std::string& config, const std::vector<std::string>& layers) {
  TarBuilder archive;
  archive.file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
  std::string list;
  for (size_t i = 0; i < layers.size(); ++i) {
    std::string hex = std::string(63, 'a') + std::to_string(i);
    archive.file("blobs/sha256/" + hex, layers[i]);
    list += std::string(i ? "," : "") +
            R"({"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:)" + hex +
            R"(","size":1})";
  }
  archive.file("blobs/sha256/" + std::string(64, 'c'), config);
  archive.file("blobs/sha256/" + std::string(64, 'm'),
               R"({"schemaVersion":2,"config":{"digest":"sha256:)" + std::string(64, 'c') +
                   R"("},"layers":[)" + list + "]}");
  archive.file("index.json", R"({"schemaVersion":2,"manifests":[{"digest":"sha256:)" +
                                 std::string(64, 'm') + R"("}]})");
  return archive.done();
}

}  // namespace unroot::testing
