#include "cli/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ocopdoc::cli {

namespace {

// Owns a file descriptor and the temporary path until the rename succeeds.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  bool is_open() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  void close_fd() {
    if (fd_ >= 0 && ::close(fd_) != 0) {
      fd_ = -1;
      throw std::runtime_error(std::strerror(errno));
    }
    fd_ = -1;
  }
  void commit() { committed_ = true; }

 private:
  std::string path_;
  int fd_ = -1;
  bool committed_ = false;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw std::runtime_error("không ghi được \"" + path + "\": " + what);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
  TemporaryFile temporary(path + ".tmp-" + std::to_string(::getpid()));
  if (!temporary.is_open()) fail(path, std::strerror(errno));
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(temporary.fd(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, std::strerror(errno));
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(temporary.fd()) != 0) fail(path, std::strerror(errno));
  try {
    temporary.close_fd();
  } catch (const std::exception& error) {
    fail(path, error.what());
  }
  if (::rename(temporary.path().c_str(), path.c_str()) != 0) fail(path, std::strerror(errno));
  temporary.commit();
}

}  // namespace ocopdoc::cli
