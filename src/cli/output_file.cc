#include "cli/output_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace aimsgate::cli {
namespace {

// The temporary file being written, for the signal handler. Set only while SIGINT and SIGTERM
// are blocked, read only by the handler.
char g_pending_temp[4096];
volatile sig_atomic_t g_have_pending_temp = 0;

// SIGINT or SIGTERM while a report is being written: remove the temporary file, then die of
// the same signal (the shell sees 130 or 143), so nothing half-written is left behind.
extern "C" void RemovePendingTempAndDie(int signal_number) {
  if (g_have_pending_temp) unlink(g_pending_temp);
  std::signal(signal_number, SIG_DFL);
  raise(signal_number);
}

// For the lifetime of the guard, SIGINT and SIGTERM remove the registered temporary file.
class InterruptGuard {
 public:
  InterruptGuard() {
    struct sigaction action {};
    action.sa_handler = RemovePendingTempAndDie;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~InterruptGuard() {
    g_have_pending_temp = 0;
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Creates the temporary file from `pattern` (mkstemp) and registers it, with the signals
  // blocked in between so that no interruption can leave it unregistered.
  int CreateTemp(std::string& pattern) {
    sigset_t block, previous;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &previous);
    const int fd = mkstemp(pattern.data());
    if (fd >= 0 && pattern.size() < sizeof(g_pending_temp)) {
      std::memcpy(g_pending_temp, pattern.c_str(), pattern.size() + 1);
      g_have_pending_temp = 1;
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return fd;
  }

  // The temporary file is gone (renamed or removed): nothing for the handler to do.
  void Release() { g_have_pending_temp = 0; }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace

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
  InterruptGuard guard;
  int fd = guard.CreateTemp(temp);
  if (fd < 0) return fail("cannot create a temporary file in " + dir.string());
  auto abandon = [&](const std::string& what) {
    Status s = fail(what);
    if (fd >= 0) close(fd);
    unlink(temp.c_str());
    guard.Release();
    return s;
  };
  const char* p = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return abandon("write failed");
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || fchmod(fd, 0644) != 0) return abandon("flush failed");
  const int closed = close(fd);
  fd = -1;
  if (closed != 0) return abandon("close failed");
  // The existing report, if any, is replaced only here, by a complete new one.
  if (std::rename(temp.c_str(), path.c_str()) != 0) return abandon("rename failed");
  guard.Release();
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
