// One lock for the C library's shared time buffer.
#pragma once

#include <mutex>

namespace ocopdoc::text {

// gmtime() and localtime() return a pointer to one buffer that the whole
// process shares (glibc keeps a single static struct tm for both).  ocopdoc
// itself calls only gmtime_r()/localtime_r(), but two libraries it runs in
// parallel threads do not: libxlsxwriter formats a workbook's creation time
// with gmtime() while it closes the workbook, and PoDoFo stamps a new PDF's
// dates with localtime() when it creates and closes a document.  When a
// batch (`ocopdoc build -j N`) writes a workbook and a PDF at the same time,
// one thread's call can overwrite the other's result between the call and
// its use: the workbook then carries the PDF's wall-clock time, and two
// builds of the same input differ (seen in CI, in docProps/core.xml).
//
// Every call into those libraries that may reach the shared buffer holds
// this lock.  It serialises only those calls (a workbook's close, a PDF's
// creation and close), not the rest of the work.
std::mutex& c_time_lock();

}  // namespace ocopdoc::text
