#include "util/embedded.h"

namespace aimsgate::embedded {

std::string_view EngineFile(std::string_view path) {
  for (const File& f : EngineData()) {
    if (path == f.path) return f.text();
  }
  return {};
}

}  // namespace aimsgate::embedded
