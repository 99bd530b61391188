// Files embedded in the program at build time (see cmake/embed.cmake).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace aimsgate::embedded {

struct File {
  const char* path;  // relative to the embedded tree's root
  const char* data;
  size_t size;
  std::string_view text() const { return {data, size}; }
};

std::span<const File> BundledPack();      // policies/iso42001, without tests/
std::span<const File> EngineData();       // engine/lua/prelude.lua, engine/registry/iso42001.json
std::span<const File> EvidenceSchemas();  // schemas/<kind>.schema.json of the four evidence kinds

// The embedded engine file at `path`, or an empty view.
std::string_view EngineFile(std::string_view path);

}  // namespace aimsgate::embedded
