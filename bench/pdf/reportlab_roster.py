"""The peer for the roster benchmark: the same roster (same rows, same columns,
same fonts, A4 landscape, header row repeated on every page) drawn with
ReportLab's Platypus, as a Python office tool would do it.

usage: /usr/bin/python3 reportlab_roster.py DB COURSE OUT.pdf
"""
import sqlite3
import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, TableStyle

FONTS = "/usr/share/fonts/truetype/liberation2/"
pdfmetrics.registerFont(TTFont("Serif", FONTS + "LiberationSerif-Regular.ttf"))
pdfmetrics.registerFont(TTFont("Serif-Bold", FONTS + "LiberationSerif-Bold.ttf"))

db, course, out = sys.argv[1:4]
con = sqlite3.connect(db)
rows = con.execute(
    "SELECT h.ho_ten, h.nam_sinh, h.gioi_tinh, coalesce(h.chuc_vu, ''), coalesce(h.don_vi_cong_tac, ''), d.ten "
    "FROM hoc_vien h JOIN don_vi d ON d.ma = h.ma_don_vi WHERE h.ma_khoa_hoc = ?", (course,)).fetchall()
rows.sort(key=lambda r: list(reversed(r[0].split())))

cell = ParagraphStyle("cell", fontName="Serif", fontSize=13, leading=15)
head = ParagraphStyle("head", fontName="Serif-Bold", fontSize=13, leading=15, alignment=1)
data = [[Paragraph(t, head) for t in ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ",
                                      "Đơn vị công tác", "Địa phương", "Ký nhận"]]]
for i, r in enumerate(rows, 1):
    data.append([str(i)] + [Paragraph(str(v), cell) for v in r] + [""])
widths = [12 * mm, 45 * mm, 18 * mm, 18 * mm, 40 * mm, 50 * mm, 45 * mm, 24 * mm]
table = LongTable(data, colWidths=widths, repeatRows=1)
table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                           ("FONT", (0, 0), (-1, -1), "Serif", 13),
                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=20 * mm, rightMargin=15 * mm,
                        topMargin=20 * mm, bottomMargin=20 * mm)
doc.build([table])
