#include "cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace aimsgate::cli {

Status WriteFileAtomically(const std::string& path, const std::string& contents) {
  namespace fs = std::filesystem;
  auto fail = [&](const std::string& what) {
    Diagnostic d;
    d.location.file = path;
    d.message = "cannot write report: " + what + ": " + std::strerror(errno);
    return Status::InvalidInput({d});
  };
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(temp.data());
  if (fd < 0) return fail("cannot create a temporary file in " + dir.string());
  const char* p = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status s = fail("write failed");
      close(fd);
      unlink(temp.c_str());
      return s;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || fchmod(fd, 0644) != 0) {
    Status s = fail("flush failed");
    close(fd);
    unlink(temp.c_str());
    return s;
  }
  close(fd);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    Status s = fail("rename failed");
    unlink(temp.c_str());
    return s;
  }
  return Status::Ok();
}

}  // namespace aimsgate::cli
