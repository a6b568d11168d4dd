#include "batch/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ocopdoc::batch {

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

// The reasons a user can act on, in Vietnamese; anything else in the C
// library's words.
std::string reason(int error) {
  switch (error) {
    case ENOSPC:
      return "ổ đĩa đã đầy (ENOSPC)";
    case EDQUOT:
      return "đã hết hạn mức dung lượng (EDQUOT)";
    case EACCES:
    case EPERM:
      return "không có quyền ghi vào thư mục này";
    case EROFS:
      return "ổ đĩa chỉ cho đọc";
    case ENOENT:
      return "thư mục không tồn tại";
    case ENOTDIR:
      return "một phần của đường dẫn không phải là thư mục";
    case EISDIR:
      return "đường dẫn là một thư mục";
    default:
      return std::strerror(error);
  }
}

[[noreturn]] void fail(const std::string& path, int error) {
  throw std::runtime_error("không ghi được \"" + path + "\": " + reason(error));
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, errno);
    }
    written += static_cast<size_t>(n);
  }
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
  // A device or pipe (/dev/stdout, /dev/full, a FIFO) is written in place:
  // renaming a file over it would replace the device node, and there is no
  // previous content to protect.
  struct stat status {};
  if (::stat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode)) {
    if (S_ISDIR(status.st_mode)) fail(path, EISDIR);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) fail(path, errno);
    try {
      write_all(fd, bytes, path);
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0) fail(path, errno);
    return;
  }

  TemporaryFile temporary(path + ".tmp-" + std::to_string(::getpid()));
  if (!temporary.is_open()) fail(path, errno);
  write_all(temporary.fd(), bytes, path);
  if (::fsync(temporary.fd()) != 0) fail(path, errno);
  try {
    temporary.close_fd();
  } catch (const std::exception&) {
    fail(path, errno);
  }
  if (::rename(temporary.path().c_str(), path.c_str()) != 0) fail(path, errno);
  temporary.commit();
}

}  // namespace ocopdoc::batch
