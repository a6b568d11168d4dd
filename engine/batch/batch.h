// The batch: one document, or a job file's worth of documents, from templates
// to files.  This stage (with cli/) is the only one that knows every writer.
//
// A job file is TOML, one [[van_ban]] table per document or per family of
// documents (README, "Batch"):
//
//   [[van_ban]]
//   mau = "bao-cao-thang"            # templates/bao-cao-thang.mau
//   dinh_dang = ["pdf", "txt"]
//   tham_so = { ky = "2019-06" }
//   cho_moi = "SELECT ma AS don_vi FROM don_vi WHERE cap <= 2 ORDER BY ma"
//
// `cho_moi` ("for each") expands the entry over a query: each row's columns
// become parameters, so one entry makes the report of every district.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/database.h"

namespace ocopdoc::batch {

// Renders one template to one file; the format is `format` ("pdf", "xlsx",
// "txt", "markup") or, when empty, the file's extension.  Writes atomically.
// Throws tmpl::TemplateError, data::DatabaseError or std::runtime_error.
void render_document(data::Database& database, const std::string& template_path,
                     const std::map<std::string, std::string>& values,
                     const std::string& output_path, const std::string& format = "");

// The output formats render_document can write, for messages ("pdf, txt").
std::vector<std::string> supported_formats();

// An error in a job file, at a line.
class JobFileError : public std::runtime_error {
 public:
  JobFileError(const std::string& file, int line, const std::string& message);
};

// One document to build.
struct Job {
  std::string template_path;
  std::map<std::string, std::string> values;  // parameters (--set)
  std::string output_name;                    // file name inside the output folder
  int line = 0;                               // job-file line it came from
};

// Reads a job file and expands it against the database.  Template paths are
// resolved against `templates_dir`; output names are ASCII slugs of the
// template's name and the parameters (a unit code becomes the unit's name:
// bao-cao-thang-2019-06-huyen-nga-son.pdf), so data cannot steer a file out
// of the output folder.  Two jobs with the same output name are an error.
std::vector<Job> read_jobs(const std::string& job_file, const std::string& templates_dir,
                           data::Database& database);

struct BuildOptions {
  int parallel = 0;            // 0: the number of cores
  bool show_progress = false;  // a progress line on stderr (a terminal)
};

struct JobResult {
  Job job;
  bool ok = false;
  std::string error;  // when !ok
  uint64_t size = 0;
  std::string sha256;
  double seconds = 0;
};

// Builds every job into `output_dir` (created if missing) and writes
// `manifest.json` there.  One failed document does not stop the others.
std::vector<JobResult> build(const std::string& database_path, const std::vector<Job>& jobs,
                             const std::string& output_dir, const BuildOptions& options,
                             std::ostream& errors);

// Lowercase hex SHA-256 of a file (OpenSSL).
std::string sha256_file(const std::string& path);

}  // namespace ocopdoc::batch
