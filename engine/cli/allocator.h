// How the ocopdoc process sets up glibc's allocator, shared with the
// benchmark harnesses so that they measure the writers as the command runs
// them.
//
// Why: libxlsxwriter zips each part of a workbook (about fifteen, plus one
// per sheet and chart) through minizip, and zlib allocates a deflate state of
// about 270 KB for each part and frees it after.  With glibc's defaults the
// freed state sits at the top of the heap, past the 128 KB trim threshold, so
// `free` hands it back to the kernel and the next part takes it again, page
// by page: a 1,000-line budget workbook cost 1,640 page faults where 1,240
// will do, and on a virtual machine a page fault is dear (render → .xlsx 60 ms
// against 53 ms; the whole sample dossier 848 ms against 800–825 ms; a PDF
// 5 % less).  Keeping up to 8 MiB of freed heap, and serving blocks up to
// 4 MiB from the heap rather than from fresh mappings (setting a threshold
// turns off glibc's own adjusting of the mapping threshold, which would
// otherwise map PoDoFo's larger buffers afresh each time), costs at most those
// 8 MiB of resident memory and changes nothing for large documents, whose
// time goes elsewhere (a 30,000-line budget: the same within noise, 1 MB more
// at its peak).
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ocopdoc::cli {

inline void tune_allocator() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
}

}  // namespace ocopdoc::cli
