// The XLSX writer alone, for the benchmark (bench/xlsx/run): parses a markup
// file rendered by `ocopdoc render ... -o x.markup`, then writes it with
// write_xlsx, and prints the seconds of each step and the peak memory before
// and after writing (VmHWM) and the resident memory before writing (VmRSS):
// the writer's own memory is at most the peak after writing minus the
// resident memory before it.
//
//   bench_xlsx IN.markup OUT.xlsx [auto|constant|memory]
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "cli/allocator.h"
#include "doc/markup.h"
#include "process_stats.h"
#include "xlsx/xlsx_writer.h"

int main(int argc, char** argv) {
  ocopdoc::cli::tune_allocator();  // as the ocopdoc command does
  if (argc < 3) {
    std::cerr << "cách dùng: bench_xlsx VÀO.markup RA.xlsx [auto|constant|memory]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string markup((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto start = std::chrono::steady_clock::now();
  const ocopdoc::doc::Document document = ocopdoc::doc::parse_markup(markup);
  const double parse_seconds = bench::seconds_since(start);
  const long peak_before = bench::status_kilobytes("VmHWM");
  const long resident_before = bench::status_kilobytes("VmRSS");
  // The fonts are loaded once per process in ocopdoc (batch/render_document),
  // so loading them is not part of writing a workbook.
  const std::unique_ptr<ocopdoc::layout::FontSet> fonts =
      ocopdoc::layout::FontSet::load("fonts", std::cerr);
  ocopdoc::xlsx::XlsxOptions options;
  options.fonts = fonts.get();
  const std::string mode = argc > 3 ? argv[3] : "auto";
  if (mode == "constant") options.memory = ocopdoc::xlsx::XlsxOptions::Memory::kConstant;
  if (mode == "memory") options.memory = ocopdoc::xlsx::XlsxOptions::Memory::kInMemory;
  start = std::chrono::steady_clock::now();
  const double cpu_start = bench::cpu_seconds();
  ocopdoc::xlsx::write_xlsx(document, argv[2], options);
  const double write_seconds = bench::seconds_since(start);
  const double write_cpu_seconds = bench::cpu_seconds() - cpu_start;
  std::cout << std::fixed << std::setprecision(3) << "parse_seconds=" << parse_seconds
            << " write_seconds=" << write_seconds << " write_cpu_seconds=" << write_cpu_seconds
            << " resident_before_write_kb=" << resident_before
            << " peak_before_write_kb=" << peak_before
            << " peak_after_write_kb=" << bench::status_kilobytes("VmHWM") << '\n';
  return 0;
}
