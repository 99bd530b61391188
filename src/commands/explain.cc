// aimsgate explain: one control in full (placeholder until the explain step lands).
#include "cli/commands.h"
#include "cli/common.h"

namespace aimsgate::cli {

int RunExplain(const std::vector<std::string>&, Io& io) {
  io.err << "aimsgate explain: not yet\n";
  return kExitInternal;
}

}  // namespace aimsgate::cli
