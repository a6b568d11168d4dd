#include "text/c_time_lock.h"

namespace ocopdoc::text {

std::mutex& c_time_lock() {
  static std::mutex lock;
  return lock;
}

}  // namespace ocopdoc::text
