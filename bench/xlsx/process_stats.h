// Clocks and memory readings shared by the XLSX benchmark programs
// (bench_xlsx.cpp, budget_libxlsxwriter.cpp), so both report the same
// key=value pairs measured the same way.
#pragma once

#include <time.h>

#include <chrono>
#include <fstream>
#include <string>

namespace bench {

// A line of /proc/self/status in kB: VmHWM (peak) or VmRSS (now).
inline long status_kilobytes(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

inline double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace bench
