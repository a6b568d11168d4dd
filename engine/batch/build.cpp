// Building a batch: documents rendered in parallel into one folder, with a
// manifest of what was written.
#include <openssl/evp.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "batch/batch.h"
#include "batch/output_file.h"

namespace ocopdoc::batch {

namespace {

struct DigestContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

std::string two_decimals(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", seconds);
  std::string text = buffer;
  for (char& c : text) c = c == '.' ? ',' : c;
  return text;
}

}  // namespace

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("không đọc được \"" + path + "\" để tính SHA-256");
  std::unique_ptr<EVP_MD_CTX, DigestContextFree> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("không khởi tạo được SHA-256 (OpenSSL)");
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    EVP_DigestUpdate(context.get(), buffer, static_cast<size_t>(in.gcount()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

std::vector<JobResult> build(const std::string& database_path, const std::vector<Job>& jobs,
                             const std::string& output_dir, const BuildOptions& options,
                             std::ostream& errors) {
  std::filesystem::create_directories(output_dir);
  std::vector<JobResult> results(jobs.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex output_lock;
  const auto start = std::chrono::steady_clock::now();

  auto worker = [&] {
    // One read-only connection per thread: SQLite connections are not shared
    // across threads here (opened with SQLITE_OPEN_NOMUTEX).
    std::unique_ptr<data::Database> database;
    for (size_t i = next++; i < jobs.size(); i = next++) {
      JobResult& result = results[i];
      result.job = jobs[i];
      const std::string path = (std::filesystem::path(output_dir) / jobs[i].output_name).string();
      const auto job_start = std::chrono::steady_clock::now();
      try {
        if (!database)
          database =
              std::make_unique<data::Database>(data::Database::open_read_only(database_path));
        render_document(*database, jobs[i].template_path, jobs[i].values, path);
        result.size = std::filesystem::file_size(path);
        result.sha256 = sha256_file(path);
        result.ok = true;
      } catch (const std::exception& error) {
        result.error = error.what();
      }
      result.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - job_start).count();
      const size_t finished = ++done;
      std::lock_guard lock(output_lock);
      if (!result.ok) {
        if (options.show_progress) errors << "\r\033[K";
        errors << jobs[i].output_name << ": lỗi: " << result.error << '\n';
      }
      if (options.show_progress) {
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        errors << "\r\033[K[" << finished << "/" << jobs.size() << "] " << jobs[i].output_name
               << " (" << two_decimals(elapsed) << " giây)" << std::flush;
      }
    }
  };

  int parallel = options.parallel > 0
                     ? options.parallel
                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  parallel = std::min<int>(parallel, static_cast<int>(std::max<size_t>(1, jobs.size())));
  std::vector<std::thread> threads;
  for (int t = 1; t < parallel; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& thread : threads) thread.join();
  if (options.show_progress) errors << '\n';

  // The manifest: job order (not completion order), so it is deterministic.
  nlohmann::ordered_json manifest = nlohmann::ordered_json::array();
  for (const JobResult& result : results) {
    nlohmann::ordered_json entry;
    entry["tep"] = result.job.output_name;
    entry["mau"] = std::filesystem::path(result.job.template_path).filename().string();
    entry["tham_so"] = result.job.values;
    entry["trang_thai"] = result.ok ? "ok" : "loi";
    if (result.ok) {
      entry["kich_thuoc"] = result.size;
      entry["sha256"] = result.sha256;
    } else {
      entry["loi"] = result.error;
    }
    manifest.push_back(std::move(entry));
  }
  write_file_atomically((std::filesystem::path(output_dir) / "manifest.json").string(),
                        manifest.dump(2) + "\n");
  return results;
}

}  // namespace ocopdoc::batch
