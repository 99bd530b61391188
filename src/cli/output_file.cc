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

Result<std::unique_ptr<AtomicOutputStream>> AtomicOutputStream::Open(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::unique_ptr<AtomicOutputStream> file(new AtomicOutputStream());
  file->path_ = path;
  file->temp_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(file->temp_.data());
  if (fd < 0) {
    Diagnostic d;
    d.location.file = path;
    d.message = "cannot write report: cannot create a temporary file in " + dir.string() + ": " +
                std::strerror(errno);
    file->temp_.clear();
    return Status::InvalidInput({d});
  }
  close(fd);
  file->out_.open(file->temp_, std::ios::binary | std::ios::trunc);
  return file;
}

AtomicOutputStream::~AtomicOutputStream() {
  if (!committed_ && !temp_.empty()) {
    out_.close();
    unlink(temp_.c_str());
  }
}

Status AtomicOutputStream::Commit() {
  auto fail = [&](const std::string& what) {
    Diagnostic d;
    d.location.file = path_;
    d.message = "cannot write report: " + what;
    return Status::InvalidInput({d});
  };
  out_.flush();
  if (!out_) return fail("write failed");
  out_.close();
  if (chmod(temp_.c_str(), 0644) != 0)
    return fail(std::string("chmod failed: ") + std::strerror(errno));
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    return fail(std::string("rename failed: ") + std::strerror(errno));
  }
  committed_ = true;
  return Status::Ok();
}

}  // namespace aimsgate::cli
