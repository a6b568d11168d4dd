#!/usr/bin/python3
"""The budget workbook of templates/du-toan.mau written with Python XlsxWriter
(Debian python3-xlsxwriter), for the benchmark in bench/xlsx/run: the same
sheets, merged header and title rows, table, SUBTOTAL formulas with cached
values, number formats, outline levels, print set-up, signature and chart as
ocopdoc writes, from the same database.

    budget_xlsxwriter.py DB OUT.xlsx

Prints the seconds spent reading the database and writing the workbook, the
resident memory before writing and the peak memory (VmHWM) before and after.
"""
import sqlite3
import sys
import time

import xlsxwriter

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


def status_kilobytes(key):
    """VmHWM (peak) or VmRSS (now) of this process, in kB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def read_budget(db):
    """[(project code, project name, [(source name, [(year, planned, spent)])])];
    spent is None for a year without any disbursement row (written "-")."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("""
            SELECT d.ma_du_an, max(d.ten_du_an) OVER (PARTITION BY d.ma_du_an), coalesce(n.ten, d.nguon_von),
                   d.nam, sum(CASE d.loai WHEN 'du_toan' THEN d.so_tien ELSE 0 END),
                   sum(CASE d.loai WHEN 'giai_ngan' THEN d.so_tien ELSE 0 END), max(d.loai = 'giai_ngan')
            FROM du_toan d LEFT JOIN nguon_von n ON n.ma = d.nguon_von
            GROUP BY d.ma_du_an, d.nguon_von, d.nam
            ORDER BY d.ma_du_an, coalesce(n.thu_tu, 999999), d.nguon_von, d.nam""").fetchall()
        settings = dict(connection.execute("SELECT khoa, gia_tri FROM cai_dat").fetchall())
    projects = []
    for code, name, source, year, planned, spent, disbursed in rows:
        if not projects or projects[-1][0] != code:
            projects.append((code, name, []))
        sources = projects[-1][2]
        if not sources or sources[-1][0] != source:
            sources.append((source, []))
        sources[-1][1].append((year, planned, spent if disbursed else None))
    return projects, settings


def write_budget(projects, settings, out):
    lines = sum(len(years) for _, _, sources in projects for _, years in sources)
    workbook = xlsxwriter.Workbook(out, {"constant_memory": lines > 20000})
    workbook.set_properties({"title": "BIỂU DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ", "author": settings.get("co_quan", ""),
                             "company": settings.get("co_quan_chu_quan", "")})

    def fmt(**props):
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
        base.update(props)
        return workbook.add_format(base)

    header_left = fmt(font_size=13, align="center", text_wrap=True)
    header_left_bold = fmt(font_size=13, align="center", bold=True, text_wrap=True)
    motto = fmt(font_size=14, align="center", bold=True, underline=1, text_wrap=True)
    place_date = fmt(font_size=14, align="center", italic=True, text_wrap=True)
    title = fmt(font_size=14, align="center", bold=True, text_wrap=True)
    unit = fmt(font_size=13, align="right", italic=True, text_wrap=True)
    th = fmt(bold=True, align="center", border=1, text_wrap=True)
    bold_text = fmt(bold=True, align="left", border=1, text_wrap=True)
    bold_center = fmt(bold=True, align="center", border=1, text_wrap=True)
    bold_money = fmt(bold=True, align="right", border=1, text_wrap=True, num_format="#,##0")
    text = fmt(align="left", border=1, text_wrap=True)
    center = fmt(align="center", border=1, text_wrap=True)
    money = fmt(align="right", border=1, text_wrap=True, num_format="#,##0")
    words = fmt(font_size=13, italic=True, text_wrap=True, valign="top")
    signer = fmt(font_size=13, bold=True, align="center", text_wrap=True)

    ws = workbook.add_worksheet("Dự toán")
    for col, width in enumerate([8.14, 73.14, 27.43, 27.43]):
        ws.set_column(col, col, width)
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(30 / 25.4, 15 / 25.4, 20 / 25.4, 20 / 25.4)
    ws.fit_to_pages(1, 0)
    ws.set_footer('&C&"Times New Roman,Regular"&12Trang &P/&N', {"margin": 8 / 25.4})
    ws.outline_settings(True, False, True, False)
    ws.set_default_row(15.75)  # as ocopdoc: rows of one line of 12 pt text carry no height

    row = 0
    for left, left_format, right, right_format, height in [
            (settings.get("co_quan_chu_quan", ""), header_left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", header_left_bold, 17.25),
            (settings.get("co_quan", ""), header_left_bold, "Độc lập - Tự do - Hạnh phúc", motto, 18.75),
            ("Số: /BC-VPĐP", header_left, "Thanh Hóa, ngày 31 tháng 12 năm 2019", place_date, 18.75)]:
        ws.set_row(row, height)
        ws.merge_range(row, 0, row, 1, left, left_format)
        ws.merge_range(row, 2, row, 3, right, right_format)
        row += 1
    row += 1
    for line in ["BIỂU DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ", "Thực hiện " + settings.get("ten_chuong_trinh", ""),
                 "(theo dự án thành phần, nguồn vốn và năm)"]:
        ws.set_row(row, 18.75)
        ws.merge_range(row, 0, row, 3, line, title)
        row += 1
    row += 1
    ws.set_row(row, 17.25)
    ws.merge_range(row, 0, row, 3, "Đơn vị tính: đồng", unit)
    row += 2
    header = row
    for values in [["STT", "Dự án thành phần, nguồn vốn, năm", "Dự toán, kế hoạch", "Giải ngân, thực hiện"], ["(1)", "(2)", "(3)", "(4)"]]:
        for col, value in enumerate(values):
            ws.write_string(row, col, value, th)
        row += 1
    ws.freeze_panes(row, 0)
    ws.repeat_rows(header, header + 1)

    # Sheet rows of each level, to give every subtotal its range and value.
    body = row + 1
    count = sum(1 + sum(1 + len(years) for _, years in sources) for _, _, sources in projects)
    total_planned = sum(p for _, _, s in projects for _, ys in s for _, p, _ in ys)
    total_spent = sum(x or 0 for _, _, s in projects for _, ys in s for _, _, x in ys)
    ws.write_blank(row, 0, None, bold_center)
    ws.write_string(row, 1, "TỔNG CỘNG", bold_text)
    ws.write_formula(row, 2, f"=SUBTOTAL(9,C{body + 1}:C{body + count})", bold_money, total_planned)
    ws.write_formula(row, 3, f"=SUBTOTAL(9,D{body + 1}:D{body + count})", bold_money, total_spent)
    row += 1
    for number, (_, name, sources) in enumerate(projects):
        size = sum(1 + len(years) for _, years in sources)
        ws.write_string(row, 0, ROMAN[number] if number < len(ROMAN) else str(number + 1), bold_center)
        ws.write_string(row, 1, name, bold_text)
        planned = sum(p for _, ys in sources for _, p, _ in ys)
        spent = sum(x or 0 for _, ys in sources for _, _, x in ys)
        ws.write_formula(row, 2, f"=SUBTOTAL(9,C{row + 2}:C{row + 1 + size})", bold_money, planned)
        ws.write_formula(row, 3, f"=SUBTOTAL(9,D{row + 2}:D{row + 1 + size})", bold_money, spent)
        row += 1
        for index, (source, years) in enumerate(sources):
            ws.set_row(row, None, None, {"level": 1})
            ws.write_number(row, 0, index + 1, bold_center)
            ws.write_string(row, 1, source, bold_text)
            ws.write_formula(row, 2, f"=SUBTOTAL(9,C{row + 2}:C{row + 1 + len(years)})", bold_money,
                             sum(p for _, p, _ in years))
            ws.write_formula(row, 3, f"=SUBTOTAL(9,D{row + 2}:D{row + 1 + len(years)})", bold_money,
                             sum(x or 0 for _, _, x in years))
            row += 1
            for year, planned, spent in years:
                ws.set_row(row, None, None, {"level": 2})
                ws.write_blank(row, 0, None, center)
                ws.write_string(row, 1, f"Năm {year}", text)
                ws.write_number(row, 2, planned, money)
                if spent is None:
                    ws.write_string(row, 3, "-", money)
                else:
                    ws.write_number(row, 3, spent, money)
                row += 1
    row += 1
    ws.set_row(row, 34.5)
    ws.merge_range(row, 0, row, 3, f"Tổng dự toán (bằng chữ): {total_planned} đồng.\n"
                                   f"Tổng giải ngân (bằng chữ): {total_spent} đồng.", words)
    row += 2
    for line in [settings.get("chuc_vu_ky_van_phong", ""), "", "", "", settings.get("nguoi_ky_van_phong", "")]:
        ws.set_row(row, 17.25)
        ws.merge_range(row, 2, row, 3, line, signer)
        row += 1

    chart_sheet = workbook.add_worksheet("Biểu đồ")
    chart_sheet.set_column(0, 0, 40)
    chart_sheet.set_column(1, 2, 16)
    chart_sheet.write_row(0, 0, ["Dự án thành phần", "Dự toán", "Giải ngân"], th)
    for number, (_, name, sources) in enumerate(projects):
        chart_sheet.write_string(number + 1, 0, (ROMAN[number] if number < len(ROMAN) else str(number + 1))
                                 + ". " + name, text)
        chart_sheet.write_number(number + 1, 1, round(sum(p for _, ys in sources for _, p, _ in ys) / 1e6, 1), money)
        chart_sheet.write_number(number + 1, 2, round(sum(x or 0 for _, ys in sources for _, _, x in ys) / 1e6, 1), money)
    # As engine/xlsx/xlsx_charts.cpp: up to a landscape page of the sheet,
    # with figures while a bar is at least a line of them (13 px) thick.
    height = min(621.5, max(320, 110 + 22 * 1.6 * len(projects)))
    figures = (height - 110) / (2 * max(len(projects), 1)) >= 13
    chart = workbook.add_chart({"type": "bar"})
    for col, name in [(1, "Dự toán"), (2, "Giải ngân")]:
        chart.add_series({"name": ["Biểu đồ", 0, col], "categories": ["Biểu đồ", 1, 0, len(projects), 0],
                          "values": ["Biểu đồ", 1, col, len(projects), col], "data_labels": {"value": figures},
                          "gap": 50})
    chart.set_title({"name": "Dự toán và giải ngân theo dự án thành phần"})
    chart.set_x_axis({"name": "triệu đồng", "num_format": "#,##0", "min": 0})
    chart.set_y_axis({"reverse": True, "crossing": "max"})
    chart.set_legend({"position": "bottom"})
    chart_sheet.insert_chart(len(projects) + 2, 0, chart, {"x_scale": 1.58, "y_scale": height / 288})
    workbook.close()
    return lines


def main():
    db, out = sys.argv[1], sys.argv[2]
    start = time.monotonic()
    projects, settings = read_budget(db)
    read_seconds = time.monotonic() - start
    peak_before = status_kilobytes("VmHWM")
    resident_before = status_kilobytes("VmRSS")
    start = time.monotonic()
    cpu_start = time.process_time()
    write_budget(projects, settings, out)
    write_seconds = time.monotonic() - start
    write_cpu_seconds = time.process_time() - cpu_start
    print(f"read_seconds={read_seconds:.3f} write_seconds={write_seconds:.3f} "
          f"write_cpu_seconds={write_cpu_seconds:.3f} "
          f"resident_before_write_kb={resident_before} peak_before_write_kb={peak_before} "
          f"peak_after_write_kb={status_kilobytes('VmHWM')}")


if __name__ == "__main__":
    main()
