#!/usr/bin/python3
"""Generates the invented part of the Thanh Hóa sample data set.

Deterministic (fixed seed), standard library only:

    /usr/bin/python3 samples/thanh-hoa/generate.py

Reads don_vi.csv and nhiem_vu.csv from this folder (hand-written, copied from
the official unit list and word for word from the 2018 plan) and writes the
invented but plausible files:

    chu_the.csv, san_pham.csv, danh_gia.csv, khoa_hoc.csv, hoc_vien.csv,
    tien_do.csv, du_toan.csv, lich_su_buoc.csv, nguoi_ky.csv

It never writes don_vi, nhom_san_pham, nguon_von, cai_dat, nhiem_vu or chi_tieu.
"""

import csv
import datetime as dt
import os
import random
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20190507)


def nfc(s):
    return unicodedata.normalize('NFC', s)


def read_csv(name):
    with open(os.path.join(HERE, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([nfc(str(v)) if v is not None else '' for v in r])


# ---------------------------------------------------------------------------
# Administrative units

UNITS = {r['ma']: r for r in read_csv('don_vi.csv')}
DISTRICTS = [m for m, r in UNITS.items() if r['cap'] == '2']
MOUNTAIN = {'384', '385', '386', '387', '388', '389', '390', '391', '396', '402', '403'}
HMONG_COMMUNES = {'Pù Nhi', 'Nhi Sơn', 'Trung Lý', 'Mường Lý'}
DAO_COMMUNES = {'Thạch Lâm'}


def bare_name(code):
    """'Xã Nga Tân' -> 'Nga Tân', 'Thị Trấn Ngọc Lặc' -> 'Ngọc Lặc'."""
    u = UNITS[code]
    ten, loai = u['ten'], u['loai']
    if ten.lower().startswith(loai.lower() + ' '):
        return ten[len(loai) + 1:]
    return ten


def label(code):
    """'xã Nga Tân', 'huyện Nga Sơn', 'thành phố Thanh Hóa'."""
    return UNITS[code]['loai'].lower() + ' ' + bare_name(code)


COMMUNE_BY_NAME = {}
for m, u in UNITS.items():
    if u['cap'] == '3':
        COMMUNE_BY_NAME[(u['ma_cha'], bare_name(m))] = m


def commune(district, name):
    code = COMMUNE_BY_NAME.get((district, name))
    if code is None:
        raise SystemExit('no commune %r in district %s' % (name, district))
    return code


def district_of(code):
    u = UNITS[code]
    while u['cap'] != '2':
        u = UNITS[u['ma_cha']]
    return u['ma']


# ---------------------------------------------------------------------------
# Subjects and their products (invented; specialties from the seed are kept).
# Product tuple: (name, group, subgroup, tier[, commune name])
# tier: 'P4' rated 4 stars by the province, 'P3' 3 stars by the province,
#       'H' rated by the district only (under 50 points), None not yet rated.

CATALOG = [
    # Thành phố Thanh Hóa
    ('380', 'Trường Thi', 'DN', 'Công ty TNHH Nem chua Hùng Long', None, [
        ('Nem chua Hùng Long', 'TP', 'Thực phẩm chế biến', 'P4'),
        ('Chả tôm Hùng Long', 'TP', 'Thực phẩm chế biến', None)]),
    ('380', 'Đông Thọ', 'HO', None, 'Lê Thị Hoa', [
        ('Nem chua lá chuối Đông Thọ', 'TP', 'Thực phẩm chế biến', 'P3')]),
    ('380', 'An Hoạch', 'HTX', 'Hợp tác xã đá mỹ nghệ Nhồi', None, [
        ('Tượng đá mỹ nghệ Nhồi', 'LN', 'Đá mỹ nghệ', 'P3'),
        ('Lư hương đá Nhồi', 'LN', 'Đá mỹ nghệ', 'H')]),
    ('380', 'Quảng Tâm', 'HTX', 'Hợp tác xã dịch vụ nông nghiệp Quảng Tâm', None, [
        ('Rau an toàn Quảng Tâm', 'TP', 'Rau, củ, quả tươi', None),
        ('Cải bắp an toàn Quảng Tâm', 'TP', 'Rau, củ, quả tươi', None)]),
    ('380', 'Điện Biên', 'DN', 'Công ty CP Thương mại và Dịch vụ OCOP Xứ Thanh', None, [
        ('Điểm giới thiệu và bán sản phẩm OCOP Xứ Thanh', 'DV', 'Điểm bán hàng', None),
        ('Gian hàng trực tuyến sản phẩm OCOP Xứ Thanh', 'DV', 'Điểm bán hàng', None)]),
    ('380', 'Hàm Rồng', 'THT', 'Tổ hợp tác du lịch làng cổ Đông Sơn', None, [
        ('Du lịch trải nghiệm làng cổ Đông Sơn', 'DV', 'Du lịch cộng đồng', 'H')]),
    # Thị xã Bỉm Sơn
    ('381', 'Hà Lan', 'HTX', 'Hợp tác xã nông nghiệp Hà Lan', None, [
        ('Nấm sò Hà Lan', 'TP', 'Rau, củ, quả tươi', None)]),
    # Thành phố Sầm Sơn
    ('382', 'Trường Sơn', 'DN', 'Công ty TNHH Hải sản Trường Sơn', None, [
        ('Mực khô Sầm Sơn', 'TP', 'Thủy sản chế biến', 'P3'),
        ('Chả mực Sầm Sơn', 'TP', 'Thủy sản chế biến', None)]),
    ('382', 'Quảng Tiến', 'HTX', 'Hợp tác xã chế biến hải sản Quảng Tiến', None, [
        ('Nước mắm cốt Quảng Tiến', 'TP', 'Nước mắm, gia vị', 'H'),
        ('Cá thu một nắng Quảng Tiến', 'TP', 'Thủy sản chế biến', None)]),
    ('382', 'Quảng Cư', 'HO', None, 'Trần Thị Mai', [
        ('Ruốc tôm Quảng Cư', 'TP', 'Thủy sản chế biến', None)]),
    # Huyện Mường Lát
    ('384', 'Pù Nhi', 'HTX', 'Hợp tác xã dệt thổ cẩm Pù Nhi', None, [
        ('Thổ cẩm Mông Pù Nhi', 'VM', 'Thổ cẩm', 'H'),
        ('Váy áo Mông Pù Nhi', 'VM', 'May mặc', None)]),
    ('384', 'Mường Lý', 'THT', 'Tổ hợp tác sản xuất nếp nương Mường Lý', None, [
        ('Gạo nếp nương Mường Lý', 'TP', 'Gạo, ngũ cốc', None)]),
    ('384', 'Tam Chung', 'HO', None, 'Lò Văn Sáng', [
        ('Rượu ngô men lá Tam Chung', 'DU', 'Rượu', None)]),
    # Huyện Quan Hóa
    ('385', 'Phú Lệ', 'HTX', 'Hợp tác xã du lịch cộng đồng bản Hang', None, [
        ('Du lịch cộng đồng bản Hang', 'DV', 'Du lịch cộng đồng', 'P3')]),
    ('385', 'Phú Thanh', 'HTX', 'Hợp tác xã dệt thổ cẩm Phú Thanh', None, [
        ('Khăn piêu Thái Phú Thanh', 'VM', 'Thổ cẩm', None)]),
    ('385', 'Hiền Kiệt', 'THT', 'Tổ hợp tác măng khô Hiền Kiệt', None, [
        ('Măng khô Hiền Kiệt', 'TP', 'Thực phẩm sơ chế', None)]),
    ('385', 'Quan Hóa', 'HO', None, 'Hà Văn Thưởng', [
        ('Thịt trâu gác bếp Quan Hóa', 'TP', 'Thịt và sản phẩm từ thịt', None),
        ('Rượu men lá Hồi Xuân', 'DU', 'Rượu', None, 'Hồi Xuân')]),
    # Huyện Bá Thước
    ('386', 'Thành Sơn', 'HTX', 'Hợp tác xã du lịch cộng đồng Pù Luông', None, [
        ('Du lịch cộng đồng bản Kho Mường', 'DV', 'Du lịch cộng đồng', 'P3'),
        ('Du lịch cộng đồng bản Đôn', 'DV', 'Du lịch cộng đồng', 'P3', 'Thành Lâm')]),
    ('386', 'Lũng Niêm', 'HTX', 'Hợp tác xã dệt thổ cẩm Lũng Niêm', None, [
        ('Thổ cẩm Lũng Niêm', 'VM', 'Thổ cẩm', 'P3'),
        ('Túi thổ cẩm Lũng Niêm', 'VM', 'Thổ cẩm', None)]),
    ('386', 'Cổ Lũng', 'THT', 'Tổ hợp tác du lịch bản Hiêu', None, [
        ('Du lịch cộng đồng bản Hiêu', 'DV', 'Du lịch cộng đồng', 'H')]),
    ('386', 'Lương Ngoại', 'HO', None, 'Phạm Bá Thành', [
        ('Rượu cần Lương Ngoại', 'DU', 'Rượu', None)]),
    ('386', 'Lũng Cao', 'DN', 'Công ty TNHH Nông sản Pù Luông', None, [
        ('Gạo nếp cẩm Pù Luông', 'TP', 'Gạo, ngũ cốc', None),
        ('Măng luồng khô Pù Luông', 'TP', 'Thực phẩm sơ chế', None)]),
    # Huyện Quan Sơn
    ('387', 'Trung Hạ', 'HTX', 'Hợp tác xã nông lâm nghiệp Trung Hạ', None, [
        ('Măng đắng khô Trung Hạ', 'TP', 'Thực phẩm sơ chế', None),
        ('Mật ong rừng Quan Sơn', 'TP', 'Mật ong', None)]),
    ('387', 'Sơn Điện', 'HTX', 'Hợp tác xã dệt thổ cẩm Sơn Điện', None, [
        ('Thổ cẩm Thái Sơn Điện', 'VM', 'Thổ cẩm', None)]),
    ('387', 'Sơn Thủy', 'HO', None, 'Lò Thị Nhung', [
        ('Cơm lam Sơn Thủy', 'TP', 'Thực phẩm chế biến', None)]),
    # Huyện Lang Chánh
    ('388', 'Trí Nang', 'HTX', 'Hợp tác xã du lịch cộng đồng Năng Cát', None, [
        ('Du lịch cộng đồng bản Năng Cát', 'DV', 'Du lịch cộng đồng', 'H')]),
    ('388', 'Yên Khương', 'THT', 'Tổ hợp tác mây tre đan Yên Khương', None, [
        ('Mây tre đan Yên Khương', 'LN', 'Thủ công mỹ nghệ', None)]),
    ('388', 'Lang Chánh', 'DN', 'Công ty TNHH Lâm sản Lang Chánh', None, [
        ('Măng luồng khô Lang Chánh', 'TP', 'Thực phẩm sơ chế', None),
        ('Đũa tre Lang Chánh', 'LN', 'Thủ công mỹ nghệ', None)]),
    # Huyện Ngọc Lặc
    ('389', 'Minh Sơn', 'HTX', 'Hợp tác xã dược liệu Minh Sơn', None, [
        ('Trà giảo cổ lam Minh Sơn', 'TD', 'Trà thảo dược', 'P3'),
        ('Cao cà gai leo Minh Sơn', 'TD', 'Dược liệu', None)]),
    ('389', 'Phùng Giáo', 'HTX', 'Hợp tác xã chăn nuôi Phùng Giáo', None, [
        ('Gà đồi Phùng Giáo', 'TP', 'Thịt và sản phẩm từ thịt', None)]),
    ('389', 'Thạch Lập', 'HO', None, 'Bùi Văn Nghị', [
        ('Rượu cần Thạch Lập', 'DU', 'Rượu', None)]),
    ('389', 'Cao Ngọc', 'THT', 'Tổ hợp tác trồng nghệ Cao Ngọc', None, [
        ('Tinh bột nghệ Cao Ngọc', 'TD', 'Dược liệu', None)]),
    # Huyện Cẩm Thủy
    ('390', 'Cẩm Lương', 'HTX', 'Hợp tác xã dệt thổ cẩm Cẩm Lương', None, [
        ('Thổ cẩm Cẩm Lương', 'VM', 'Thổ cẩm', 'P4'),
        ('Túi, ví thổ cẩm Cẩm Lương', 'VM', 'Thổ cẩm', None)]),
    ('390', 'Cẩm Lương', 'HTX', 'Hợp tác xã du lịch suối cá Cẩm Lương', None, [
        ('Du lịch suối cá thần Cẩm Lương', 'DV', 'Du lịch sinh thái', 'P3')]),
    ('390', 'Cẩm Tú', 'HTX', 'Hợp tác xã nông nghiệp Cẩm Tú', None, [
        ('Bưởi Cẩm Tú', 'TP', 'Rau, củ, quả tươi', 'H'),
        ('Rượu bưởi Cẩm Tú', 'DU', 'Rượu', None)]),
    ('390', 'Cẩm Thành', 'HO', None, 'Trương Văn Mạnh', [
        ('Rượu nếp cẩm Cẩm Thành', 'DU', 'Rượu', None)]),
    ('390', 'Cẩm Thủy', 'DN', 'Công ty TNHH Chế biến nông sản Cẩm Thủy', None, [
        ('Bột sắn dây Cẩm Thủy', 'TP', 'Thực phẩm chế biến', None)]),
    # Huyện Thạch Thành
    ('391', 'Vân Du', 'HTX', 'Hợp tác xã cam Vân Du', None, [
        ('Cam Vân Du', 'TP', 'Rau, củ, quả tươi', 'P3')]),
    ('391', 'Thạch Lâm', 'THT', 'Tổ hợp tác thuốc nam người Dao Thạch Lâm', None, [
        ('Thuốc tắm lá người Dao Thạch Lâm', 'TD', 'Dược liệu', None)]),
    ('391', 'Thạch Lâm', 'HTX', 'Hợp tác xã du lịch sinh thái thác Mây', None, [
        ('Du lịch sinh thái thác Mây', 'DV', 'Du lịch sinh thái', None)]),
    ('391', 'Thành Vân', 'DN', 'Công ty TNHH Dứa Thạch Thành', None, [
        ('Dứa Queen Thạch Thành', 'TP', 'Rau, củ, quả tươi', 'H'),
        ('Nước dứa cô đặc Thạch Thành', 'DU', 'Nước giải khát', None)]),
    ('391', 'Thành Yên', 'HO', None, 'Quách Văn Tuấn', [
        ('Mật ong hoa rừng Thành Yên', 'TP', 'Mật ong', None)]),
    # Huyện Hà Trung
    ('392', 'Hà Yên', 'HTX', 'Hợp tác xã chế biến mắm tép Hà Yên', None, [
        ('Mắm tép Hà Yên', 'TP', 'Nước mắm, gia vị', 'P4'),
        ('Mắm tép chưng thịt Hà Yên', 'TP', 'Thực phẩm chế biến', 'P3')]),
    ('392', 'Hà Yên', 'HO', None, 'Vũ Thị Lan', [
        ('Tép khô Hà Yên', 'TP', 'Thủy sản chế biến', None)]),
    ('392', 'Hà Long', 'HTX', 'Hợp tác xã nông nghiệp Hà Long', None, [
        ('Dứa Hà Long', 'TP', 'Rau, củ, quả tươi', 'H'),
        ('Nước ép dứa Hà Long', 'DU', 'Nước giải khát', None)]),
    # Huyện Vĩnh Lộc
    ('393', 'Vĩnh Phúc', 'HTX', 'Hợp tác xã chè lam Phủ Quảng', None, [
        ('Chè lam Phủ Quảng', 'TP', 'Bánh, kẹo', 'P4')]),
    ('393', 'Vĩnh Phúc', 'HO', None, 'Đỗ Thị Hằng', [
        ('Chè lam gừng Phủ Quảng', 'TP', 'Bánh, kẹo', 'P3')]),
    ('393', 'Vĩnh Tiến', 'HTX', 'Hợp tác xã du lịch làng cổ Tây Giai', None, [
        ('Du lịch trải nghiệm làng cổ Tây Giai - Thành Nhà Hồ', 'DV', 'Du lịch cộng đồng', 'H')]),
    ('393', 'Vĩnh Hòa', 'DN', 'Công ty TNHH Nông nghiệp hữu cơ Vĩnh Hòa', None, [
        ('Gạo hữu cơ Vĩnh Hòa', 'TP', 'Gạo, ngũ cốc', None)]),
    # Huyện Yên Định
    ('394', 'Định Long', 'HTX', 'Hợp tác xã dịch vụ nông nghiệp Định Long', None, [
        ('Gạo nếp cái hoa vàng Định Long', 'TP', 'Gạo, ngũ cốc', 'H')]),
    ('394', 'Yên Phong', 'DN', 'Công ty CP Nông nghiệp công nghệ cao Yên Định', None, [
        ('Dưa lưới Yên Phong', 'TP', 'Rau, củ, quả tươi', 'P3')]),
    ('394', 'Quán Lào', 'HO', None, 'Trịnh Văn Quang', [
        ('Bánh đa vừng Quán Lào', 'TP', 'Bánh, kẹo', None)]),
    ('394', 'Yên Tâm', 'HTX', 'Hợp tác xã thêu ren Yên Tâm', None, [
        ('Khăn thêu tay Yên Tâm', 'VM', 'May mặc', None),
        ('Tranh thêu tay Yên Tâm', 'LN', 'Đồ lưu niệm', None)]),
    # Huyện Thọ Xuân
    ('395', 'Thọ Diên', 'HTX', 'Hợp tác xã bánh gai Tứ Trụ', None, [
        ('Bánh gai Tứ Trụ', 'TP', 'Bánh, kẹo', 'P4'),
        ('Bánh gai Tứ Trụ nhân hạt sen', 'TP', 'Bánh, kẹo', 'P3')]),
    ('395', 'Thọ Diên', 'HO', None, 'Lê Thị Ngọc', [
        ('Bánh gai truyền thống Tứ Trụ', 'TP', 'Bánh, kẹo', 'H')]),
    ('395', 'Thọ Xương', 'HTX', 'Hợp tác xã bưởi Luận Văn', None, [
        ('Bưởi Luận Văn', 'TP', 'Rau, củ, quả tươi', 'P4'),
        ('Tinh dầu vỏ bưởi Luận Văn', 'TD', 'Tinh dầu', None)]),
    ('395', 'Lam Sơn', 'DN', 'Công ty TNHH Thực phẩm Lam Sơn', None, [
        ('Giò chả Lam Sơn', 'TP', 'Thịt và sản phẩm từ thịt', None)]),
    ('395', 'Xuân Phú', 'HTX', 'Hợp tác xã dược liệu Xuân Phú', None, [
        ('Tinh dầu sả chanh Xuân Phú', 'TD', 'Tinh dầu', None)]),
    # Huyện Thường Xuân
    ('396', 'Vạn Xuân', 'HTX', 'Hợp tác xã quế Ngọc Thường Xuân', None, [
        ('Quế Ngọc Thường Xuân', 'TD', 'Dược liệu', 'P3'),
        ('Tinh dầu quế Vạn Xuân', 'TD', 'Tinh dầu', 'P3')]),
    ('396', 'Xuân Cẩm', 'DN', 'Công ty TNHH Quế Xứ Thanh', None, [
        ('Trà quế Xuân Cẩm', 'DU', 'Trà', None)]),
    ('396', 'Xuân Lẹ', 'THT', 'Tổ hợp tác măng khô Xuân Lẹ', None, [
        ('Măng khô Xuân Lẹ', 'TP', 'Thực phẩm sơ chế', None)]),
    ('396', 'Luận Thành', 'HO', None, 'Lang Văn Thắng', [
        ('Mật ong rừng Luận Thành', 'TP', 'Mật ong', 'H')]),
    # Huyện Triệu Sơn
    ('397', 'Tân Ninh', 'HTX', 'Hợp tác xã dược liệu núi Nưa', None, [
        ('Trà thảo dược núi Nưa', 'TD', 'Trà thảo dược', 'H'),
        ('Mật ong núi Nưa', 'TP', 'Mật ong', None)]),
    ('397', 'Đồng Thắng', 'DN', 'Công ty TNHH Nông sản Triệu Sơn', None, [
        ('Bột sắn dây Đồng Thắng', 'TP', 'Thực phẩm chế biến', 'P3')]),
    ('397', 'Thọ Tân', 'HO', None, 'Mai Văn Hải', [
        ('Bánh đa kê Thọ Tân', 'TP', 'Bánh, kẹo', None)]),
    # Huyện Thiệu Hóa
    ('398', 'Thiệu Đô', 'HTX', 'Hợp tác xã dệt lụa Hồng Đô', None, [
        ('Tơ tằm Hồng Đô', 'VM', 'Tơ lụa', 'P3'),
        ('Khăn lụa Hồng Đô', 'VM', 'Tơ lụa', 'H'),
        ('Áo dài lụa Hồng Đô', 'VM', 'May mặc', None)]),
    ('398', 'Thiệu Trung', 'DN', 'Công ty TNHH Đúc đồng Trà Đông', None, [
        ('Trống đồng Đông Sơn (bản sao lưu niệm)', 'LN', 'Đồ lưu niệm', 'P3'),
        ('Tượng đồng mỹ nghệ Trà Đông', 'LN', 'Đồ lưu niệm', None)]),
    ('398', 'Thiệu Công', 'HTX', 'Hợp tác xã rau an toàn Thiệu Công', None, [
        ('Rau an toàn Thiệu Công', 'TP', 'Rau, củ, quả tươi', None)]),
    ('398', 'Thiệu Hợp', 'HO', None, 'Đặng Văn Hưng', [
        ('Gạo nếp hạt cau Thiệu Hợp', 'TP', 'Gạo, ngũ cốc', None)]),
    # Huyện Hoằng Hóa
    ('399', 'Hoằng Thịnh', 'HTX', 'Hợp tác xã mây tre đan Hoằng Thịnh', None, [
        ('Mây tre đan Hoằng Thịnh', 'LN', 'Thủ công mỹ nghệ', 'P4'),
        ('Giỏ mây tre xuất khẩu Hoằng Thịnh', 'LN', 'Thủ công mỹ nghệ', 'P3')]),
    ('399', 'Hoằng Đạt', 'DN', 'Công ty TNHH Mộc mỹ nghệ Đạt Tài', None, [
        ('Đồ gỗ mỹ nghệ Đạt Tài', 'LN', 'Đồ gỗ nội thất', 'P4'),
        ('Sập gụ, tủ chè Đạt Tài', 'LN', 'Đồ gỗ nội thất', None)]),
    ('399', 'Hoằng Đạt', 'HO', None, 'Lê Văn Cường', [
        ('Tượng gỗ Đạt Tài', 'LN', 'Đồ gỗ nội thất', None)]),
    ('399', 'Hoằng Phụ', 'HTX', 'Hợp tác xã chế biến nước mắm Khúc Phụ', None, [
        ('Nước mắm Khúc Phụ', 'TP', 'Nước mắm, gia vị', 'P4'),
        ('Nước mắm cốt nhĩ Khúc Phụ', 'TP', 'Nước mắm, gia vị', 'P3')]),
    ('399', 'Hoằng Tiến', 'HTX', 'Hợp tác xã dịch vụ du lịch Hải Tiến', None, [
        ('Du lịch biển Hải Tiến', 'DV', 'Du lịch sinh thái', None)]),
    ('399', 'Bút Sơn', 'LHHTX', 'Liên hiệp hợp tác xã nông nghiệp Hoằng Hóa', None, [
        ('Gạo sạch Hoằng Hóa', 'TP', 'Gạo, ngũ cốc', 'H')]),
    # Huyện Hậu Lộc
    ('400', 'Ngư Lộc', 'HTX', 'Hợp tác xã chế biến hải sản Ngư Lộc', None, [
        ('Cá khô Ngư Lộc', 'TP', 'Thủy sản chế biến', 'P3'),
        ('Mực khô Ngư Lộc', 'TP', 'Thủy sản chế biến', None)]),
    ('400', 'Hải Lộc', 'DN', 'Công ty TNHH Nước mắm Hải Lộc', None, [
        ('Nước mắm Hải Lộc', 'TP', 'Nước mắm, gia vị', 'H')]),
    ('400', 'Hòa Lộc', 'HO', None, 'Nguyễn Thị Oanh', [
        ('Muối hạt Hòa Lộc', 'TP', 'Nước mắm, gia vị', None)]),
    ('400', 'Đa Lộc', 'HTX', 'Hợp tác xã dịch vụ nông nghiệp Đa Lộc', None, [
        ('Ngao Đa Lộc', 'TP', 'Thủy sản tươi sống', None)]),
    # Huyện Nga Sơn
    ('401', 'Nga Tân', 'HTX', 'Hợp tác xã chiếu cói Nga Tân', None, [
        ('Chiếu cói Nga Sơn', 'LN', 'Thủ công mỹ nghệ', 'P4'),
        ('Chiếu cói in hoa Nga Tân', 'LN', 'Thủ công mỹ nghệ', 'P3')]),
    ('401', 'Nga Văn', 'DN', 'Công ty TNHH Cói mỹ nghệ Nga Văn', None, [
        ('Túi cói mỹ nghệ Nga Văn', 'LN', 'Thủ công mỹ nghệ', 'P3'),
        ('Hộp cói đan tay Nga Văn', 'LN', 'Thủ công mỹ nghệ', None)]),
    ('401', 'Nga Thiện', 'HO', None, 'Mai Thị Thảo', [
        ('Chiếu cói Nga Thiện', 'LN', 'Thủ công mỹ nghệ', None)]),
    ('401', 'Nga Thạch', 'HTX', 'Hợp tác xã cói Nga Thạch', None, [
        ('Thảm cói Nga Thạch', 'LN', 'Thủ công mỹ nghệ', 'H')]),
    ('401', 'Nga Thiện', 'DN', 'Công ty CP Du lịch Từ Thức', None, [
        ('Du lịch làng nghề chiếu cói - động Từ Thức', 'DV', 'Du lịch làng nghề', 'H')]),
    ('401', 'Nga Sơn', 'LHHTX', 'Liên hiệp hợp tác xã cói Nga Sơn', None, [
        ('Thảm cói xuất khẩu Nga Sơn', 'LN', 'Thủ công mỹ nghệ', None)]),
    # Huyện Như Xuân
    ('402', 'Bãi Trành', 'HTX', 'Hợp tác xã nông nghiệp Bãi Trành', None, [
        ('Mía tím Bãi Trành', 'TP', 'Rau, củ, quả tươi', None)]),
    ('402', 'Thanh Xuân', 'THT', 'Tổ hợp tác dệt thổ cẩm Thanh Xuân', None, [
        ('Thổ cẩm Thái Thanh Xuân', 'VM', 'Thổ cẩm', None)]),
    ('402', 'Xuân Bình', 'DN', 'Công ty TNHH Dược liệu Như Xuân', None, [
        ('Cao lá xạ đen Như Xuân', 'TD', 'Dược liệu', 'H'),
        ('Trà túi lọc cà gai leo Như Xuân', 'TD', 'Trà thảo dược', None)]),
    # Huyện Như Thanh
    ('403', 'Hải Vân', 'HTX', 'Hợp tác xã du lịch Bến En', None, [
        ('Du lịch sinh thái hồ Bến En', 'DV', 'Du lịch sinh thái', 'H')]),
    ('403', 'Xuân Phúc', 'DN', 'Công ty TNHH Nông sản Như Thanh', None, [
        ('Măng tây xanh Xuân Phúc', 'TP', 'Rau, củ, quả tươi', None)]),
    ('403', 'Xuân Du', 'HO', None, 'Lê Văn Sơn', [
        ('Mật ong hoa keo Xuân Du', 'TP', 'Mật ong', None)]),
    ('403', 'Phượng Nghi', 'THT', 'Tổ hợp tác chè xanh Phượng Nghi', None, [
        ('Chè xanh Phượng Nghi', 'DU', 'Trà', None),
        ('Chè búp khô Phượng Nghi', 'DU', 'Trà', None)]),
    # Huyện Nông Cống
    ('404', 'Tế Nông', 'HTX', 'Hợp tác xã dịch vụ nông nghiệp Tế Nông', None, [
        ('Gạo hữu cơ Tế Nông', 'TP', 'Gạo, ngũ cốc', 'H')]),
    ('404', 'Nông Cống', 'DN', 'Công ty TNHH Thực phẩm Nông Cống', None, [
        ('Giò bò Nông Cống', 'TP', 'Thịt và sản phẩm từ thịt', None)]),
    ('404', 'Trung Chính', 'HO', None, 'Phạm Thị Yến', [
        ('Mật ong hoa nhãn Trung Chính', 'TP', 'Mật ong', None)]),
    ('404', 'Vạn Thắng', 'THT', 'Tổ hợp tác nấu rượu Vạn Thắng', None, [
        ('Rượu nếp Vạn Thắng', 'DU', 'Rượu', None)]),
    # Huyện Đông Sơn
    ('405', 'Đông Hòa', 'HTX', 'Hợp tác xã dịch vụ nông nghiệp Đông Hòa', None, [
        ('Nấm rơm Đông Hòa', 'TP', 'Rau, củ, quả tươi', None)]),
    ('405', 'Đông Khê', 'DN', 'Công ty TNHH Thực phẩm Đông Khê', None, [
        ('Bánh đa nem Đông Khê', 'TP', 'Thực phẩm chế biến', 'H'),
        ('Bún khô Đông Khê', 'TP', 'Thực phẩm chế biến', None)]),
    # Huyện Quảng Xương
    ('406', 'Quảng Nham', 'HTX', 'Hợp tác xã chế biến hải sản Quảng Nham', None, [
        ('Nước mắm Quảng Nham', 'TP', 'Nước mắm, gia vị', 'H'),
        ('Cá trích khô Quảng Nham', 'TP', 'Thủy sản chế biến', None)]),
    ('406', 'Quảng Văn', 'HO', None, 'Hoàng Thị Thủy', [
        ('Bánh răng bừa Quảng Văn', 'TP', 'Thực phẩm chế biến', None)]),
    ('406', 'Quảng Thái', 'THT', 'Tổ hợp tác sản xuất muối Quảng Thái', None, [
        ('Muối biển Quảng Thái', 'TP', 'Nước mắm, gia vị', None)]),
    # Huyện Tĩnh Gia
    ('407', 'Hải Thanh', 'HTX', 'Hợp tác xã nước mắm Ba Làng', None, [
        ('Nước mắm Ba Làng', 'TP', 'Nước mắm, gia vị', 'P4'),
        ('Mắm tôm Ba Làng', 'TP', 'Nước mắm, gia vị', 'P3')]),
    ('407', 'Hải Bình', 'DN', 'Công ty TNHH Hải sản Hải Bình', None, [
        ('Mực một nắng Hải Bình', 'TP', 'Thủy sản chế biến', None)]),
    ('407', 'Hải Châu', 'HO', None, 'Ngô Văn Bình', [
        ('Moi khô Hải Châu', 'TP', 'Thủy sản chế biến', None)]),
    ('407', 'Các Sơn', 'HTX', 'Hợp tác xã dược liệu Các Sơn', None, [
        ('Cao lá vằng Các Sơn', 'TD', 'Dược liệu', None)]),
]


# ---------------------------------------------------------------------------
# People's names (Vietnamese order: family, middle, given)

def weighted(pairs):
    items = [p for p, _ in pairs]
    weights = [w for _, w in pairs]
    return lambda: rng.choices(items, weights)[0]


KINH_FAMILY = weighted([('Nguyễn', 30), ('Lê', 17), ('Trần', 6), ('Hoàng', 5), ('Phạm', 6), ('Đỗ', 4),
                        ('Trịnh', 5), ('Mai', 3), ('Vũ', 3), ('Đặng', 2), ('Bùi', 3), ('Hà', 2), ('Đinh', 2),
                        ('Ngô', 2), ('Lương', 1), ('Cao', 1), ('Dương', 1), ('Phan', 1), ('Tống', 1),
                        ('Đào', 1), ('Thiều', 1), ('Lại', 1), ('Hồ', 1), ('Tào', 1)])
HIGHLAND_FAMILY = weighted([('Hà', 12), ('Lò', 8), ('Phạm', 8), ('Bùi', 8), ('Lương', 6), ('Vi', 4),
                            ('Ngân', 3), ('Cầm', 3), ('Quách', 4), ('Trương', 4), ('Lang', 2), ('Lữ', 2),
                            ('Đinh', 3), ('Hoàng', 2), ('Lê', 4), ('Nguyễn', 5)])
DAO_FAMILY = weighted([('Triệu', 4), ('Bàn', 3), ('Lý', 3), ('Đặng', 2), ('Phùng', 1)])
HMONG_FAMILY = weighted([('Giàng', 4), ('Thao', 3), ('Lầu', 3), ('Vàng', 3), ('Sùng', 2), ('Hờ', 1)])

MALE_MIDDLE = weighted([('Văn', 40), ('Đình', 8), ('Ngọc', 6), ('Xuân', 6), ('Minh', 6), ('Thanh', 5),
                        ('Hữu', 5), ('Bá', 4), ('Quang', 3), ('Đức', 4), ('Công', 3), ('Trọng', 3),
                        ('Mạnh', 2), ('Tiến', 2), ('Anh', 2), ('Duy', 2)])
FEMALE_MIDDLE = weighted([('Thị', 55), ('Ngọc', 6), ('Thu', 5), ('Thanh', 4), ('Minh', 3), ('Hồng', 3),
                          ('Thúy', 2), ('Phương', 2), ('Kim', 2), ('Thùy', 2), ('Hải', 1), ('Lan', 1)])
HIGHLAND_MALE_MIDDLE = weighted([('Văn', 50), ('Bá', 8), ('Đình', 5), ('Ngọc', 3), ('Xuân', 3), ('Minh', 2)])
HIGHLAND_FEMALE_MIDDLE = weighted([('Thị', 90), ('Ngọc', 3), ('Thu', 2)])

MALE_GIVEN = weighted([(n, 3) for n in (
    'An', 'Bình', 'Cường', 'Chiến', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Đức', 'Định', 'Đông', 'Giang',
    'Hải', 'Hưng', 'Hùng', 'Huy', 'Hoàng', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lực', 'Mạnh',
    'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quang', 'Quân', 'Sơn', 'Tâm', 'Thắng', 'Thành',
    'Thịnh', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Hiếu', 'Hậu')] +
    [('Ân', 1), ('Ước', 1)])
FEMALE_GIVEN = weighted([(n, 3) for n in (
    'An', 'Ánh', 'Bích', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa',
    'Hồng', 'Huệ', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'Nga', 'Ngân', 'Ngọc',
    'Nhung', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thơ', 'Thu', 'Thủy', 'Trang',
    'Tuyết', 'Uyên', 'Vân', 'Yến', 'Xuân', 'Ly', 'Điệp')] + [('Âu', 1), ('Ước', 1)])
HIGHLAND_MALE_GIVEN = weighted([(n, 1) for n in (
    'Sáng', 'Thưởng', 'Chung', 'Dương', 'Hùng', 'Khánh', 'Lực', 'Minh', 'Mạnh', 'Tuấn', 'Thắng',
    'Xuân', 'Pọm', 'Khăm', 'Ươn', 'Lả', 'Phong', 'Quyết', 'Thiện', 'Tình', 'Ân', 'Đoàn', 'Bằng')])
HIGHLAND_FEMALE_GIVEN = weighted([(n, 1) for n in (
    'Ánh', 'Hoa', 'Nhung', 'Hương', 'Xuân', 'Thơm', 'Mai', 'Lan', 'Dung', 'Lụa', 'Phương', 'Hằng',
    'Ún', 'Pọm', 'Nga', 'Oanh', 'Uyên', 'Ươm', 'Điệp', 'Yến')])
HMONG_MALE_GIVEN = weighted([(n, 1) for n in ('Chứ', 'Pó', 'Dênh', 'Lử', 'Tủa', 'Sềnh', 'Vàng', 'Chá')])
HMONG_FEMALE_GIVEN = weighted([(n, 1) for n in ('Mỷ', 'Dợ', 'Chía', 'Súa', 'Mai', 'Pà', 'Dế')])


def person(where, sex=None):
    """(ho_ten, gioi_tinh) for someone from unit `where` (commune or district code)."""
    if sex is None:
        sex = rng.choice(['Nam', 'Nữ'])
    district = district_of(where) if UNITS[where]['cap'] == '3' else where
    if UNITS[where]['cap'] == '3' and bare_name(where) in HMONG_COMMUNES and rng.random() < 0.7:
        fam = HMONG_FAMILY()
        if sex == 'Nam':
            return '%s A %s' % (fam, HMONG_MALE_GIVEN()), sex
        return '%s Thị %s' % (fam, HMONG_FEMALE_GIVEN()), sex
    if UNITS[where]['cap'] == '3' and bare_name(where) in DAO_COMMUNES and rng.random() < 0.7:
        fam = DAO_FAMILY()
        if sex == 'Nam':
            return '%s %s %s' % (fam, rng.choice(['Văn', 'Văn', 'Tiến', 'Hữu']), MALE_GIVEN()), sex
        return '%s Thị %s' % (fam, FEMALE_GIVEN()), sex
    if district in MOUNTAIN and rng.random() < 0.7:
        fam = HIGHLAND_FAMILY()
        if fam in ('Nguyễn', 'Lê', 'Hoàng', 'Đinh', 'Trương'):   # Kinh-style given names
            if sex == 'Nam':
                return '%s %s %s' % (fam, HIGHLAND_MALE_MIDDLE(), MALE_GIVEN()), sex
            return '%s %s %s' % (fam, HIGHLAND_FEMALE_MIDDLE(), FEMALE_GIVEN()), sex
        if sex == 'Nam':
            mid = 'Bá' if fam == 'Phạm' and rng.random() < 0.6 else HIGHLAND_MALE_MIDDLE()
            return '%s %s %s' % (fam, mid, HIGHLAND_MALE_GIVEN()), sex
        return '%s %s %s' % (fam, HIGHLAND_FEMALE_MIDDLE(), HIGHLAND_FEMALE_GIVEN()), sex
    fam = KINH_FAMILY()
    if sex == 'Nam':
        return '%s %s %s' % (fam, MALE_MIDDLE(), MALE_GIVEN()), sex
    return '%s %s %s' % (fam, FEMALE_MIDDLE(), FEMALE_GIVEN()), sex


def phone():
    if rng.random() < 0.15:
        return '02373%06d' % rng.randrange(10 ** 6)
    prefix = rng.choice(['091', '094', '098', '097', '096', '035', '036', '038', '083', '084', '088'])
    return prefix + '%07d' % rng.randrange(10 ** 7)


def day(a, b):
    a, b = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
    return a + dt.timedelta(days=rng.randrange((b - a).days + 1))


def plus_36_months(d):
    try:
        return d.replace(year=d.year + 3)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 3, day=28)


# ---------------------------------------------------------------------------
# chu_the.csv, san_pham.csv

LEADER_TITLE = {'DN': ['Giám đốc'], 'HTX': ['Giám đốc HTX', 'Chủ tịch HĐQT kiêm Giám đốc HTX'],
                'LHHTX': ['Chủ tịch HĐQT Liên hiệp HTX'], 'THT': ['Tổ trưởng tổ hợp tác'],
                'HO': ['Chủ hộ kinh doanh']}

subjects = []   # dicts
products = []   # dicts
used_names = set()
for i, (district, cname, kind, name, owner, plist) in enumerate(CATALOG, 1):
    code = commune(district, cname)
    if owner:
        rep = owner
        sex = 'Nữ' if ' Thị ' in owner else 'Nam'
        name = 'Hộ kinh doanh ' + owner
    else:
        sex = 'Nữ' if rng.random() < 0.38 else 'Nam'
        while True:
            rep, sex = person(code, sex)
            if rep not in used_names:
                break
    used_names.add(rep)
    s = dict(ma='CT%03d' % i, ten=name, loai_hinh=kind, ma_don_vi=code, nguoi_dai_dien=rep,
             gioi_tinh=sex, nam_sinh=rng.randint(1965, 1990),
             chuc_vu=rng.choice(LEADER_TITLE[kind]),
             dien_thoai=phone() if rng.random() < 0.85 else '')
    subjects.append(s)
    for p in plist:
        pname, group, subgroup, tier = p[:4]
        pcode = commune(district, p[4]) if len(p) > 4 else code
        products.append(dict(ten=pname, nhom=group, phan_nhom=subgroup, tier=tier, ma_chu_the=s['ma'],
                             ma_don_vi=pcode, district=district))

for i, p in enumerate(products, 1):
    p['ma'] = 'SP%03d' % i

# Cycle step: rated products are at step 5 (district only) or 6 (recognised by the
# province, now in trade promotion); the others are spread over steps 2-4.  No
# product is at step 1 (Tuyên truyền, hướng dẫn): every product here has
# registered its idea, which is step 2, and task 5.2 evaluated every one.
unrated = [p for p in products if p['tier'] is None]
quota = [2] * 25 + [3] * 30
quota += [4] * (len(unrated) - len(quota))
rng.shuffle(quota)
for p, step in zip(unrated, quota):
    p['buoc'] = step
for p in products:
    if p['tier'] == 'H':
        p['buoc'] = 5
    elif p['tier'] in ('P3', 'P4'):
        p['buoc'] = 6
    # Registration happened in quý I-II/2019; products that went further registered earlier.
    if p['buoc'] >= 5:
        p['ngay_dang_ky'] = day('2019-01-15', '2019-03-31')
    elif p['buoc'] >= 3:
        p['ngay_dang_ky'] = day('2019-01-15', '2019-05-15')
    else:
        p['ngay_dang_ky'] = day('2019-03-01', '2019-06-30')

write_csv('chu_the.csv', ['ma', 'ten', 'loai_hinh', 'ma_don_vi', 'nguoi_dai_dien', 'dien_thoai'],
          [(s['ma'], s['ten'], s['loai_hinh'], s['ma_don_vi'], s['nguoi_dai_dien'], s['dien_thoai'])
           for s in subjects])
write_csv('san_pham.csv', ['ma', 'ten', 'nhom', 'phan_nhom', 'ma_chu_the', 'ma_don_vi', 'buoc', 'ngay_dang_ky'],
          [(p['ma'], p['ten'], p['nhom'], p['phan_nhom'], p['ma_chu_the'], p['ma_don_vi'], p['buoc'],
            p['ngay_dang_ky'].isoformat()) for p in products])


# ---------------------------------------------------------------------------
# danh_gia.csv: district councils (Aug-Oct 2019), then the province (Nov-Dec 2019)
# for products of 50 points or more.  Parts under 1048/QĐ-TTg: A 35, B 25, C 40.

def split_score(total):
    for _ in range(1000):
        a = round(total * 0.35 + rng.uniform(-3, 3))
        b = round(total * 0.25 + rng.uniform(-3, 3))
        a, b = max(0, min(35, a)), max(0, min(25, b))
        c = total - a - b
        if 0 <= c <= 40:
            return a, b, c
    raise SystemExit('cannot split %d' % total)


def stars(total):
    return 5 if total >= 90 else 4 if total >= 70 else 3 if total >= 50 else 2 if total >= 30 else 1


rated_districts = sorted({p['district'] for p in products if p['buoc'] >= 5}, key=int)
district_session = {}
used_numbers = set()
for d in rated_districts:
    while True:
        n = rng.randint(1150, 4890)
        if n not in used_numbers:
            used_numbers.add(n)
            break
    district_session[d] = (day('2019-08-01', '2019-10-31'), '%d/QĐ-UBND' % n)

PROVINCE_SESSIONS = [(dt.date(2019, 11, 28), '4652/QĐ-UBND'), (dt.date(2019, 12, 17), '5107/QĐ-UBND')]

ratings = []
low_left = 2   # two products scored under 30 points at district level
for p in products:
    if p['buoc'] < 5:
        continue
    if p['tier'] == 'P4':
        t_h = rng.randint(71, 86)
    elif p['tier'] == 'P3':
        t_h = rng.randint(52, 74)
    elif low_left and rng.random() < 0.15:
        t_h = rng.randint(24, 29)
        low_left -= 1
    else:
        t_h = rng.randint(31, 49)
    when, number = district_session[p['district']]
    a, b, c = split_score(t_h)
    ratings.append((p['ma'], 'huyen', when, a, b, c, stars(t_h), number, plus_36_months(when)))
    p['diem_huyen'] = t_h
    if p['tier'] in ('P3', 'P4'):
        if p['tier'] == 'P4':
            t_t = max(70, min(88, t_h + rng.randint(-4, 3)))
        else:
            t_t = max(50, min(69, t_h + rng.randint(-6, 2)))
        when_t, number_t = PROVINCE_SESSIONS[0] if when <= dt.date(2019, 9, 30) else PROVINCE_SESSIONS[1]
        a, b, c = split_score(t_t)
        ratings.append((p['ma'], 'tinh', when_t, a, b, c, stars(t_t), number_t, plus_36_months(when_t)))
        p['sao_tinh'] = stars(t_t)

write_csv('danh_gia.csv', ['ma_san_pham', 'cap', 'ngay', 'diem_a', 'diem_b', 'diem_c', 'so_sao',
                           'so_quyet_dinh', 'hieu_luc_den'],
          [(m, cap, d.isoformat(), a, b, c, s, q, h.isoformat()) for m, cap, d, a, b, c, s, q, h in ratings])


# ---------------------------------------------------------------------------
# khoa_hoc.csv, hoc_vien.csv (tasks 3.3 and 5.3)

HALL_TH = ('Hội trường Văn phòng Điều phối nông thôn mới tỉnh, số 45 Đại lộ Lê Lợi, '
           'thành phố Thanh Hóa')
HALL_NL = 'Hội trường UBND huyện Ngọc Lặc, thị trấn Ngọc Lặc, huyện Ngọc Lặc'
ORGANISER = 'Văn phòng Điều phối Xây dựng nông thôn mới tỉnh'
COURSES = [
    ('KH2018-01', 'Tập huấn cán bộ quản lý Chương trình OCOP cấp tỉnh',
     'Cán bộ quản lý triển khai thực hiện Chương trình OCOP cấp tỉnh (các sở, ban, ngành, đoàn thể)',
     HALL_TH, '2018-11-20', '2018-11-22'),
    ('KH2018-02', 'Tập huấn cán bộ quản lý Chương trình OCOP cấp huyện, xã (đợt 1)',
     'Cán bộ quản lý triển khai thực hiện Chương trình OCOP cấp huyện, xã của 16 huyện, thị xã, '
     'thành phố vùng đồng bằng, ven biển',
     HALL_TH, '2018-12-04', '2018-12-06'),
    ('KH2018-03', 'Tập huấn cán bộ quản lý Chương trình OCOP cấp huyện, xã (đợt 2)',
     'Cán bộ quản lý triển khai thực hiện Chương trình OCOP cấp huyện, xã của 11 huyện miền núi',
     HALL_NL, '2018-12-12', '2018-12-14'),
    ('KH2019-01', 'Tập huấn quản trị sản xuất - kinh doanh cho lãnh đạo doanh nghiệp, HTX, '
     'hộ sản xuất tham gia Chương trình OCOP (đợt 1)',
     'Lãnh đạo quản lý, lao động tại các doanh nghiệp, hợp tác xã, tổ hợp tác, hộ sản xuất tham gia '
     'Chương trình OCOP vùng đồng bằng, ven biển',
     HALL_TH, '2019-05-14', '2019-05-17'),
    ('KH2019-02', 'Tập huấn quản trị sản xuất - kinh doanh cho lãnh đạo doanh nghiệp, HTX, '
     'hộ sản xuất tham gia Chương trình OCOP (đợt 2)',
     'Lãnh đạo quản lý, lao động tại các doanh nghiệp, hợp tác xã, tổ hợp tác, hộ sản xuất tham gia '
     'Chương trình OCOP các huyện miền núi',
     HALL_NL, '2019-06-11', '2019-06-14'),
]
write_csv('khoa_hoc.csv', ['ma', 'ten', 'doi_tuong', 'dia_diem', 'tu_ngay', 'den_ngay', 'don_vi_to_chuc'],
          [c + (ORGANISER,) for c in COURSES])

# Provincial departments: (unit, number of trainees, titles of the first ones; the rest are
# "Chuyên viên" / "Chuyên viên chính").
PROVINCIAL = [
    ('Văn phòng Điều phối nông thôn mới tỉnh', 14,
     ['Phó Chánh Văn phòng', 'Trưởng phòng Kế hoạch - Nghiệp vụ', 'Phó Trưởng phòng Kế hoạch - Nghiệp vụ',
      'Trưởng phòng Hành chính - Tổng hợp']),
    ('Sở Nông nghiệp và Phát triển nông thôn', 10, ['Phó Giám đốc Sở', 'Phó Chánh Văn phòng Sở',
                                                   'Phó Trưởng phòng Kế hoạch - Tài chính']),
    ('Chi cục Phát triển nông thôn', 5, ['Chi cục trưởng', 'Phó Trưởng phòng Kinh tế hợp tác']),
    ('Trung tâm Khuyến nông tỉnh', 5, ['Phó Giám đốc Trung tâm', 'Trưởng phòng Thông tin - Huấn luyện']),
    ('Chi cục Quản lý chất lượng nông lâm sản và thủy sản', 4, ['Phó Chi cục trưởng']),
    ('Sở Công Thương', 7, ['Phó Giám đốc Sở', 'Trưởng phòng Quản lý thương mại',
                           'Phó Trưởng phòng Quản lý công nghiệp']),
    ('Trung tâm Khuyến công và Tư vấn phát triển công nghiệp', 4, ['Phó Giám đốc Trung tâm']),
    ('Sở Khoa học và Công nghệ', 6, ['Phó Giám đốc Sở', 'Trưởng phòng Quản lý khoa học',
                                     'Phó Trưởng phòng Sở hữu trí tuệ']),
    ('Chi cục Tiêu chuẩn Đo lường Chất lượng', 3, ['Phó Chi cục trưởng']),
    ('Sở Kế hoạch và Đầu tư', 5, ['Phó Trưởng phòng Kinh tế ngành', 'Phó Trưởng phòng Đăng ký kinh doanh']),
    ('Sở Tài chính', 5, ['Trưởng phòng Tài chính hành chính sự nghiệp', 'Phó Trưởng phòng Ngân sách']),
    ('Sở Y tế', 2, ['Phó Trưởng phòng Nghiệp vụ Y']),
    ('Chi cục An toàn vệ sinh thực phẩm', 3, ['Phó Chi cục trưởng']),
    ('Sở Văn hóa, Thể thao và Du lịch', 5, ['Phó Giám đốc Sở', 'Trưởng phòng Quản lý du lịch']),
    ('Sở Thông tin và Truyền thông', 3, ['Phó Trưởng phòng Thông tin - Báo chí - Xuất bản']),
    ('Sở Lao động - Thương binh và Xã hội', 3, ['Phó Trưởng phòng Giáo dục nghề nghiệp']),
    ('Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch', 5, ['Phó Giám đốc Trung tâm',
                                                              'Trưởng phòng Xúc tiến thương mại']),
    ('Ngân hàng Nhà nước Chi nhánh tỉnh Thanh Hóa', 2, ['Phó Trưởng phòng Tổng hợp - Kiểm soát nội bộ']),
    ('Liên minh Hợp tác xã tỉnh', 4, ['Phó Chủ tịch', 'Trưởng ban Tuyên truyền - Chính sách']),
    ('Hội Nông dân tỉnh', 3, ['Phó Chủ tịch', 'Trưởng ban Kinh tế - Xã hội']),
    ('Hội Liên hiệp Phụ nữ tỉnh', 3, ['Trưởng ban Gia đình - Xã hội']),
    ('Tỉnh đoàn Thanh Hóa', 2, ['Phó Trưởng ban Phong trào']),
    ('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 2, ['Phó Trưởng ban Dân chủ - Pháp luật']),
    ('Báo Thanh Hóa', 2, ['Phó Trưởng ban Kinh tế']),
    ('Đài Phát thanh và Truyền hình tỉnh', 2, ['Phó Trưởng phòng Thời sự']),
    ('Hiệp hội Doanh nghiệp nhỏ và vừa tỉnh', 2, ['Phó Chủ tịch Hiệp hội']),
]

LEADER_WORDS = ('Giám đốc', 'Trưởng', 'Chủ tịch', 'Chánh', 'Chi cục', 'Phó Trưởng')


def birth_year(title):
    if any(w in title for w in LEADER_WORDS):
        return rng.randint(1965, 1983)
    return rng.randint(1968, 1995)


trainees = []   # (course, name, year, sex, title, unit, ma_don_vi)
seen = set()


def add_trainee(course, where, title, unit, name=None, sex=None, year=None):
    for _ in range(1000):
        if name is None or (course, name, year, where) in seen:
            n, s = person(where, sex)
            y = year if year is not None and name is not None else birth_year(title)
            name_, sex_, year_ = n, s, y
        else:
            name_, sex_, year_ = name, sex, year
        key = (course, name_, year_, where)
        if key not in seen:
            seen.add(key)
            trainees.append((course, name_, year_, sex_, title, unit, where))
            return
        name = None
    raise SystemExit('cannot find a unique trainee')


for unit, count, titles in PROVINCIAL:
    for k in range(count):
        title = titles[k] if k < len(titles) else rng.choice(['Chuyên viên', 'Chuyên viên', 'Chuyên viên chính'])
        add_trainee('KH2018-01', '38', title, unit, sex=rng.choice(['Nam', 'Nam', 'Nữ']))

product_communes = defaultdict(list)
for p in products:
    if p['ma_don_vi'] not in product_communes[p['district']]:
        product_communes[p['district']].append(p['ma_don_vi'])

for d in sorted(DISTRICTS, key=int):
    course = 'KH2018-03' if d in MOUNTAIN else 'KH2018-02'
    dl = label(d)
    urban = UNITS[d]['loai'] != 'Huyện'
    if urban:
        office = [('Trưởng phòng Kinh tế', 'Phòng Kinh tế ' + dl),
                  ('Phó Trưởng phòng Kinh tế', 'Phòng Kinh tế ' + dl),
                  ('Chuyên viên', 'Phòng Kinh tế ' + dl),
                  ('Chuyên viên', 'Phòng Văn hóa và Thông tin ' + dl)]
    else:
        office = [(rng.choice(['Trưởng phòng Nông nghiệp và PTNT', 'Phó Trưởng phòng Nông nghiệp và PTNT']),
                   'Phòng Nông nghiệp và PTNT ' + dl),
                  ('Chánh Văn phòng Điều phối nông thôn mới', 'Văn phòng Điều phối nông thôn mới ' + dl),
                  ('Chuyên viên', 'Phòng Nông nghiệp và PTNT ' + dl),
                  (rng.choice(['Phó Trưởng phòng Kinh tế và Hạ tầng', 'Chuyên viên']),
                   'Phòng Kinh tế và Hạ tầng ' + dl),
                  ('Cán bộ khuyến nông', 'Trạm Khuyến nông ' + dl)]
        if rng.random() < 0.4:
            office.insert(0, ('Phó Chủ tịch UBND huyện', 'UBND ' + dl))
    size = rng.choices([5, 6, 7], [1, 3, 6])[0]
    n_commune = max(2, size - len(office))
    n_office = size - n_commune
    for title, unit in office[:n_office]:
        add_trainee(course, d, title, unit)
    # Commune cadres: communes with registered products first, rural communes before wards.
    picks = [c for c in product_communes[d] if UNITS[c]['loai'] != 'Phường']
    rng.shuffle(picks)
    others = [c for c, u in UNITS.items() if u['ma_cha'] == d and u['loai'] != 'Phường' and c not in picks]
    rng.shuffle(others)
    picks += others
    picks += [c for c in product_communes[d] if c not in picks]
    for k in range(n_commune):
        c = picks[k % len(picks)]
        cl = label(c)
        title = rng.choice(['Phó Chủ tịch UBND ' + UNITS[c]['loai'].lower(),
                            'Công chức Địa chính - Nông nghiệp',
                            'Cán bộ phụ trách nông thôn mới'])
        add_trainee(course, c, title, 'UBND ' + cl)

cadres_province = sum(1 for t in trainees if t[0] == 'KH2018-01')
cadres_district = len(trainees) - cadres_province
# The target of 300 (100 provincial, 200 district) counts the state managers
# of the province and the districts; the commune cadres of the district
# courses are trained too, but are not in it.
cadres_district_level = sum(1 for t in trainees if t[0] != 'KH2018-01' and UNITS[t[6]]['cap'] == '2')

# Business course: the leaders of the subjects (a few absent), plus some staff.
absent = set(rng.sample([s['ma'] for s in subjects], 6))
for s in subjects:
    course = 'KH2019-02' if district_of(s['ma_don_vi']) in MOUNTAIN else 'KH2019-01'
    if s['ma'] not in absent:
        add_trainee(course, s['ma_don_vi'], s['chuc_vu'], s['ten'], s['nguoi_dai_dien'], s['gioi_tinh'],
                    s['nam_sinh'])
    if s['loai_hinh'] in ('DN', 'HTX', 'LHHTX') and rng.random() < 0.3:
        title = rng.choice(['Phó Giám đốc', 'Kế toán', 'Nhân viên kinh doanh', 'Thành viên HĐQT']
                           if s['loai_hinh'] != 'DN' else ['Phó Giám đốc', 'Kế toán', 'Nhân viên kinh doanh'])
        if s['loai_hinh'] == 'HTX' and title == 'Phó Giám đốc':
            title = 'Phó Giám đốc HTX'
        add_trainee(course, s['ma_don_vi'], title, s['ten'])
leaders_trained = len(subjects) - len(absent)

write_csv('hoc_vien.csv', ['ma_khoa_hoc', 'ho_ten', 'nam_sinh', 'gioi_tinh', 'chuc_vu', 'don_vi_cong_tac',
                           'ma_don_vi'], trainees)


# ---------------------------------------------------------------------------
# tien_do.csv: monthly progress of the plan's tasks, 2018-09 ... 2019-12.
# One row per task and month from the month it starts (not before 2018-09) to
# the month it is completed; tasks 4 and 7 run the whole period.  Tasks 2.1, 2.5
# and 6 are completed after their planned end, so reports can flag them.

TASKS = {r['ma']: r for r in read_csv('nhiem_vu.csv')}
parents = {r['ma_cha'] for r in TASKS.values() if r['ma_cha']}
REPORTED = [m for m in TASKS if m not in parents]


def months(first, last):
    y, m = map(int, first.split('-'))
    out = []
    while '%04d-%02d' % (y, m) <= last:
        out.append('%04d-%02d' % (y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def registered_by(date):
    ps = [p for p in products if p['ngay_dang_ky'] <= date]
    return len(ps), len({p['ma_chu_the'] for p in ps})


def pct(a, b):
    return ('%.1f' % (100.0 * a / b)).replace('.', ',').replace(',0', '')


n_sp, n_ct = len(products), len(subjects)
n_district_with_sp = len({p['district'] for p in products})
jan, _ = registered_by(dt.date(2019, 1, 31))
feb, _ = registered_by(dt.date(2019, 2, 28))
mar, mar_ct = registered_by(dt.date(2019, 3, 31))
may, _ = registered_by(dt.date(2019, 5, 31))
selected = sum(1 for p in products if p['buoc'] >= 3)
plans = [p for p in products if p['buoc'] >= 4]
plans_by_group = Counter(p['nhom'] for p in plans)
biz = [t for t in trainees if t[0] in ('KH2019-01', 'KH2019-02')]
biz1 = [t for t in biz if t[0] == 'KH2019-01']
biz1_subjects = len({t[5] for t in biz1})
district_rated = [r for r in ratings if r[1] == 'huyen']
province_rated = [r for r in ratings if r[1] == 'tinh']
forwarded = sum(1 for r in district_rated if r[3] + r[4] + r[5] >= 50)
councils_aug = max(19, len({d for d, (when, _) in district_session.items() if when <= dt.date(2019, 8, 31)}))
prov4 = sum(1 for r in province_rated if r[6] == 4)
prov3 = sum(1 for r in province_rated if r[6] == 3)
stars_h = Counter(r[6] for r in district_rated)

FIXED = {
    '1': [
        ('2018-09', 'dang_thuc_hien', 'Đã xây dựng dự thảo chương trình, tài liệu Hội nghị khởi động Chương trình '
         'OCOP-TH; dự kiến tổ chức sau khi Đề án được UBND tỉnh phê duyệt.'),
        ('2018-10', 'dang_thuc_hien', 'Hoàn thiện tài liệu giới thiệu nguồn gốc, kinh nghiệm triển khai OVOP, OTOP '
         'và Chương trình OCOP tỉnh Quảng Ninh; xây dựng phóng sự giới thiệu Chương trình.'),
        ('2018-11', 'dang_thuc_hien', 'Đã trình UBND tỉnh kế hoạch tổ chức Hội nghị; chờ UBND tỉnh phê duyệt Đề án.'),
        ('2018-12', 'hoan_thanh', 'Ngày 27/12/2018, UBND tỉnh tổ chức Hội nghị công bố kế hoạch và khởi động '
         'Chương trình OCOP-TH với 430 đại biểu các sở, ngành, 27/27 huyện, thị xã, thành phố và đại diện '
         'các chủ thể kinh tế.'),
    ],
    '2.1': [
        ('2018-09', 'hoan_thanh', 'Đã hoàn thiện Đề cương Đề án theo góp ý của Sở Nông nghiệp và PTNT, ban hành '
         'kèm theo Kế hoạch ngày 12/9/2018 (chậm 12 ngày so với kế hoạch).'),
    ],
    '2.2': [
        ('2018-09', 'hoan_thanh', 'Đã khảo sát 27/27 huyện, thị xã, thành phố; rà soát 186 sản phẩm và 214 chủ '
         'thể kinh tế có tiềm năng tham gia Chương trình OCOP-TH.'),
    ],
    '2.3': [
        ('2018-09', 'dang_thuc_hien', 'Đang tổng hợp kết quả khảo sát, xây dựng dự thảo Đề án (đạt khoảng 40% '
         'khối lượng).'),
        ('2018-10', 'hoan_thanh', 'Hoàn thành dự thảo Đề án gồm 5 phần và 8 phụ lục; gửi xin ý kiến 21 sở, ngành '
         'và 27 huyện, thị xã, thành phố.'),
    ],
    '2.4': [
        ('2018-10', 'hoan_thanh', 'Đã nhận 43/48 văn bản góp ý; hoàn thiện dự thảo, báo cáo Thường trực Tỉnh ủy '
         'và UBND tỉnh ngày 31/10/2018.'),
    ],
    '2.5': [
        ('2018-10', 'dang_thuc_hien', 'Đang hoàn thiện hồ sơ trình UBND tỉnh phê duyệt Đề án.'),
        ('2018-11', 'dang_thuc_hien', 'Đã trình UBND tỉnh ngày 08/11/2018; UBND tỉnh yêu cầu bổ sung khái toán '
         'kinh phí theo ý kiến Sở Tài chính, Sở Kế hoạch và Đầu tư.'),
        ('2018-12', 'hoan_thanh', 'UBND tỉnh đã phê duyệt Đề án ngày 14/12/2018, chậm hơn 1 tháng so với kế '
         'hoạch do phải bổ sung khái toán kinh phí.'),
    ],
    '3.1': [
        ('2018-09', 'hoan_thanh', 'Ban Chỉ đạo các Chương trình MTQG tỉnh đã được bổ sung nhiệm vụ; 27/27 huyện, '
         'thị xã, thành phố kiện toàn Ban Điều hành cấp huyện; 635/635 xã, phường, thị trấn phân công cán bộ '
         'phụ trách.'),
    ],
    '3.2': [
        ('2019-07', 'chua_bat_dau', 'Đã ban hành văn bản hướng dẫn các huyện thành lập Hội đồng đánh giá, xếp hạng '
         'sản phẩm cấp huyện.'),
        ('2019-08', 'dang_thuc_hien', '%d/27 huyện, thị xã, thành phố đã có quyết định thành lập Hội đồng đánh giá, '
         'xếp hạng sản phẩm cấp huyện.' % councils_aug),
        ('2019-09', 'dang_thuc_hien', '27/27 huyện, thị xã, thành phố đã thành lập Hội đồng cấp huyện; đang trình '
         'UBND tỉnh thành lập Hội đồng tư vấn, Hội đồng đánh giá và xếp hạng sản phẩm cấp tỉnh.'),
        ('2019-10', 'hoan_thanh', 'UBND tỉnh đã thành lập Hội đồng tư vấn và Hội đồng đánh giá, xếp hạng sản phẩm '
         'cấp tỉnh; 27/27 huyện, thị xã, thành phố đã thành lập Hội đồng cấp huyện.'),
    ],
    '3.3': [
        ('2018-10', 'dang_thuc_hien', 'Đã xây dựng tài liệu tập huấn theo khung đào tạo tại Phụ lục III Quyết định '
         '490/QĐ-TTg; tổng hợp danh sách học viên của các sở, ngành và 27 huyện.'),
        ('2018-11', 'dang_thuc_hien', 'Tổ chức lớp tập huấn cán bộ cấp tỉnh từ ngày 20 đến 22/11/2018 cho %d học '
         'viên của 26 sở, ngành, đoàn thể.' % cadres_province),
        ('2018-12', 'hoan_thanh', 'Tổ chức 02 lớp tập huấn cán bộ cấp huyện, xã cho %d học viên của 27/27 huyện '
         '(%d cán bộ cấp huyện, %d cán bộ cấp xã); lũy kế %d/300 cán bộ quản lý nhà nước cấp tỉnh, huyện được '
         'tập huấn (%s%%).'
         % (cadres_district, cadres_district_level, cadres_district - cadres_district_level,
            cadres_province + cadres_district_level, pct(cadres_province + cadres_district_level, 300))),
    ],
    '5.1': [
        ('2019-01', 'dang_thuc_hien', '18/27 huyện, thị xã, thành phố đã tổ chức hội nghị hướng dẫn đăng ký sản '
         'phẩm; %d sản phẩm đăng ký.' % jan),
        ('2019-02', 'dang_thuc_hien', '25/27 huyện, thị xã, thành phố đã tổ chức hội nghị hướng dẫn; lũy kế %d sản '
         'phẩm đăng ký.' % feb),
        ('2019-03', 'hoan_thanh', 'Đã tổ chức 27/27 hội nghị cấp huyện hướng dẫn đăng ký sản phẩm; lũy kế %d sản '
         'phẩm của %d chủ thể đăng ký; các huyện tiếp tục nhận đăng ký bổ sung trong quý II/2019.'
         % (mar, mar_ct)),
    ],
    '5.2': [
        ('2019-01', 'chua_bat_dau', 'Đang tổng hợp phiếu đăng ký ý tưởng sản phẩm từ các huyện.'),
        ('2019-02', 'dang_thuc_hien', 'Đã đánh giá sơ bộ %d phiếu đăng ký ý tưởng sản phẩm.' % feb),
        ('2019-03', 'dang_thuc_hien', 'Đã đánh giá %d/%d ý tưởng sản phẩm đăng ký.' % (mar - 9, mar)),
        ('2019-04', 'dang_thuc_hien', 'Hoàn thiện thông tin các ý tưởng sản phẩm đăng ký bổ sung; tư vấn cho các '
         'chủ thể chưa đủ hồ sơ.'),
        ('2019-05', 'dang_thuc_hien', 'Đã đánh giá %d ý tưởng sản phẩm; lựa chọn %d ý tưởng khả thi.'
         % (may, selected - 4)),
        ('2019-06', 'hoan_thanh', 'Đã đánh giá %d ý tưởng sản phẩm của %d chủ thể tại %d/27 huyện, thị xã, thành '
         'phố; lựa chọn %d ý tưởng khả thi để hỗ trợ triển khai.'
         % (n_sp, n_ct, n_district_with_sp, selected)),
    ],
    '5.3': [
        ('2019-04', 'chua_bat_dau', 'Chuẩn bị tài liệu, tổng hợp danh sách học viên từ các huyện.'),
        ('2019-05', 'dang_thuc_hien', 'Tổ chức lớp tập huấn đợt 1 từ ngày 14 đến 17/5/2019 tại thành phố Thanh Hóa '
         'cho %d học viên của %d chủ thể.' % (len(biz1), biz1_subjects)),
        ('2019-06', 'hoan_thanh', 'Tổ chức lớp tập huấn đợt 2 từ ngày 11 đến 14/6/2019 tại huyện Ngọc Lặc cho %d '
         'học viên; lũy kế %d học viên, %d/%d lãnh đạo chủ thể (%s%%) đã được tập huấn.'
         % (len(biz) - len(biz1), len(biz), leaders_trained, n_ct, pct(leaders_trained, n_ct))),
    ],
    '5.4': [
        ('2019-04', 'dang_thuc_hien', 'Hướng dẫn các chủ thể xây dựng phương án, dự án sản xuất kinh doanh; đã '
         'nhận %d phương án.' % (len(plans) - 31)),
        ('2019-05', 'dang_thuc_hien', 'Đã thẩm định %d phương án, dự án sản xuất kinh doanh.' % (len(plans) - 12)),
        ('2019-06', 'hoan_thanh', '%d phương án, dự án sản xuất kinh doanh được triển khai: Thực phẩm %d, Đồ uống '
         '%d, Thảo dược %d, Vải và may mặc %d, Lưu niệm - nội thất - trang trí %d, Dịch vụ du lịch nông thôn, '
         'bán hàng %d.' % ((len(plans),) + tuple(plans_by_group[g] for g in ('TP', 'DU', 'TD', 'VM', 'LN', 'DV')))),
    ],
    '6': [
        ('2019-04', 'dang_thuc_hien', 'Đang xây dựng dự thảo chính sách hỗ trợ phát triển sản phẩm OCOP-TH.'),
        ('2019-05', 'dang_thuc_hien', 'Đã gửi dự thảo xin ý kiến các sở, ngành, 27 huyện và các chủ thể tham gia '
         'Chương trình.'),
        ('2019-06', 'dang_thuc_hien', 'Đang tiếp thu ý kiến của Sở Tài chính về mức hỗ trợ từ ngân sách tỉnh.'),
        ('2019-07', 'tam_dung', 'Tạm dừng trình để rà soát, lồng ghép với chính sách khuyến khích phát triển nông '
         'nghiệp, nông thôn của tỉnh.'),
        ('2019-08', 'dang_thuc_hien', 'Đã hoàn thiện dự thảo sau rà soát, trình UBND tỉnh xem xét ban hành.'),
        ('2019-09', 'hoan_thanh', 'UBND tỉnh đã ban hành chính sách hỗ trợ phát triển sản phẩm OCOP-TH (vùng nguyên '
         'liệu, hạ tầng sản xuất, lãi suất tín dụng, khoa học công nghệ, đào tạo nhân lực), chậm 3 tháng so '
         'với kế hoạch.'),
    ],
    '7': [
        ('2019-07', 'dang_thuc_hien', 'Xây dựng kế hoạch xúc tiến thương mại sản phẩm OCOP-TH năm 2019 - 2020; '
         'khảo sát địa điểm đặt điểm giới thiệu và bán sản phẩm tại thành phố Thanh Hóa và thành phố Sầm Sơn.'),
        ('2019-08', 'dang_thuc_hien', 'Hỗ trợ 14 chủ thể tham gia Hội chợ hàng nông sản, thủ công mỹ nghệ tại Hà '
         'Nội; doanh thu ước đạt 1,2 tỷ đồng.'),
        ('2019-09', 'dang_thuc_hien', 'Hỗ trợ 23 chủ thể mở gian hàng trên sàn thương mại điện tử; giới thiệu sản '
         'phẩm OCOP-TH trên Cổng Thông tin điện tử tỉnh.'),
        ('2019-10', 'dang_thuc_hien', 'Khai trương điểm giới thiệu và bán sản phẩm OCOP tại phường Điện Biên, thành '
         'phố Thanh Hóa, trưng bày %d sản phẩm của %d chủ thể.'
         % (len(plans), len({p['ma_chu_the'] for p in plans}))),
        ('2019-11', 'dang_thuc_hien', 'Tổ chức Hội chợ sản phẩm OCOP-TH năm 2019 tại thành phố Thanh Hóa (5 ngày, '
         '150 gian hàng, %d chủ thể tham gia); doanh thu ước đạt 3,5 tỷ đồng.'
         % len({p['ma_chu_the'] for p in products if p['buoc'] >= 5})),
        ('2019-12', 'dang_thuc_hien', 'Công bố và trao giấy chứng nhận cho %d sản phẩm OCOP cấp tỉnh (4 sao: %d, '
         '3 sao: %d); lũy kế năm 2019 tham gia 02 hội chợ, mở 01 điểm giới thiệu và bán sản phẩm OCOP.'
         % (len(province_rated), prov4, prov3)),
    ],
    '8': [
        ('2019-07', 'dang_thuc_hien', 'Xây dựng kế hoạch đoàn công tác học tập kinh nghiệm Chương trình OTOP tại '
         'Thái Lan; liên hệ cơ quan quản lý Chương trình OTOP.'),
        ('2019-08', 'dang_thuc_hien', 'Hoàn thành thủ tục cho đoàn công tác 16 người (9 cán bộ quản lý, 7 lãnh đạo '
         'doanh nghiệp, hợp tác xã).'),
        ('2019-09', 'hoan_thanh', 'Đoàn công tác 16 người học tập kinh nghiệm Chương trình OTOP tại Thái Lan từ '
         'ngày 16 đến 21/9/2019; làm việc với cơ quan quản lý OTOP và 04 làng OTOP.'),
    ],
}

# Task 4 (tuyên truyền): every month; figures grow once the programme is launched.
media = []
total = 0
for ky in months('2018-09', '2019-12'):
    boost = 1.0 if ky < '2018-12' else 1.6
    a = round(rng.randint(3, 6) * boost)
    b = round(rng.randint(2, 5) * boost)
    c = round(rng.randint(4, 8) * boost)
    d = round(rng.randint(25, 60) * boost)
    total += a + b + c + d
    media.append((ky, 'dang_thuc_hien',
                  'Trong tháng, Báo Thanh Hóa đăng %d bài, Đài Phát thanh và Truyền hình tỉnh phát %d phóng sự, '
                  'tin bài, Cổng Thông tin điện tử tỉnh đăng %d tin, bài; đài truyền thanh cấp huyện phát %d lượt '
                  'tin về Chương trình OCOP. Lũy kế %s tin, bài.'
                  % (a, b, c, d, '{:,}'.format(total).replace(',', '.'))))
FIXED['4'] = media

progress = []
for ma in sorted(REPORTED, key=lambda m: int(TASKS[m]['thu_tu'])):
    rows = FIXED[ma]
    start = max('2018-09', TASKS[ma]['bat_dau'][:7])
    expected = months(start, rows[-1][0])
    assert [r[0] for r in rows] == expected, (ma, [r[0] for r in rows], expected)
    for ky, state, text in rows:
        progress.append((ma, ky, state, text))
write_csv('tien_do.csv', ['ma_nhiem_vu', 'ky', 'trang_thai', 'ket_qua'], progress)


# ---------------------------------------------------------------------------
# du_toan.csv: planned amounts (du_toan) by component project, source and year,
# in millions of đồng; disbursed amounts (giai_ngan) for 2018 and 2019.  The
# 2018 disbursement is one row a year (entered after the year closed, column
# thang empty); the 2019 disbursement is month by month, as the office
# records it for the monthly reports: slow while the year's estimates are
# given out in the first quarter, faster towards the year's end, and from
# July only for the support policies that came late (DA03, DA06: task 6).

PROJECTS = [
    ('DA01', 'Tuyên truyền, hướng dẫn về Chương trình OCOP', {
        'NS-TINH': {2018: 650, 2019: 1200, 2020: 1000}, 'NS-TW': {2019: 500, 2020: 600},
        'LONG-GHEP': {2019: 300, 2020: 300}}),
    ('DA02', 'Đào tạo, tập huấn', {
        'NS-TW': {2018: 950, 2019: 1800, 2020: 1500}, 'NS-TINH': {2018: 400, 2019: 700, 2020: 600},
        'KC-KN': {2019: 450, 2020: 500}, 'XHH': {2019: 300, 2020: 400}}),
    ('DA03', 'Hỗ trợ phát triển sản phẩm, tiêu chuẩn hóa', {
        'NS-TW': {2019: 3500, 2020: 4500}, 'NS-TINH': {2019: 2500, 2020: 3500},
        'KHCN': {2019: 1500, 2020: 2000}, 'KC-KN': {2019: 1200, 2020: 1600},
        'XHH': {2019: 4500, 2020: 6500}, 'TIN-DUNG': {2019: 3000, 2020: 4500},
        'LONG-GHEP': {2019: 1000, 2020: 1200}, 'QUY': {2020: 1500}}),
    ('DA04', 'Đánh giá, xếp hạng sản phẩm', {
        'NS-TINH': {2019: 650, 2020: 800}, 'NS-TW': {2019: 300, 2020: 300}}),
    ('DA05', 'Xúc tiến thương mại, hội chợ', {
        'NS-TINH': {2019: 1500, 2020: 2200}, 'KC-KN': {2019: 800, 2020: 1000},
        'XHH': {2019: 900, 2020: 1500}, 'LONG-GHEP': {2020: 500}}),
    ('DA06', 'Trung tâm thiết kế sáng tạo', {
        'NS-TINH': {2019: 400, 2020: 2500}, 'XHH': {2020: 2000}, 'LONG-GHEP': {2020: 1000},
        'TAI-TRO': {2020: 800}}),
    ('DA07', 'Mô hình làng văn hóa du lịch cộng đồng', {
        'NS-TW': {2019: 1000, 2020: 2000}, 'NS-TINH': {2019: 500, 2020: 800},
        'LONG-GHEP': {2019: 800, 2020: 1200}, 'XHH': {2019: 1000, 2020: 2000}}),
    ('DA08', 'Hệ thống quản lý, điều hành', {
        'NS-TINH': {2018: 1200, 2019: 1100, 2020: 1100}, 'NS-TW': {2018: 450, 2019: 300, 2020: 300}}),
]
SOURCE_ORDER = ['NS-TW', 'NS-TINH', 'KHCN', 'KC-KN', 'LONG-GHEP', 'XHH', 'TIN-DUNG', 'QUY', 'TAI-TRO']
# The months split a disbursement with their own random numbers, so the files
# written after this one stay as they were before months were recorded.
month_rng = random.Random(2019_12)


def monthly_split(total, first_month):
    """(month, amount) pairs from first_month to December adding up to total:
    weights growing through the year, amounts whole thousands of đồng, the
    last month taking what rounding left over."""
    months = list(range(first_month, 13))
    weights = [(1 + 0.12 * (m - first_month)) * month_rng.uniform(0.7, 1.3) for m in months]
    weights[-1] *= 1.8   # the year-end settlement
    scale = total / sum(weights)
    amounts = [round(w * scale / 1000) * 1000 for w in weights[:-1]]
    amounts.append(total - sum(amounts))
    return [(m, a) for m, a in zip(months, amounts) if a > 0]


budget = []
for code, name, sources in PROJECTS:
    for src in sorted(sources, key=SOURCE_ORDER.index):
        for year in sorted(sources[src]):
            planned = sources[src][year] * 1_000_000
            budget.append((code, name, src, year, '', 'du_toan', planned))
            if year <= 2019:
                if year == 2018:
                    share = rng.uniform(0.85, 1.0)
                elif code == 'DA03' or code == 'DA06':   # policies (task 6) came late
                    share = rng.uniform(0.60, 0.74)
                else:
                    share = rng.uniform(0.72, 0.97)
                spent = min(planned, round(planned * share / 1000) * 1000)
                if year == 2018:
                    budget.append((code, name, src, year, '', 'giai_ngan', spent))
                else:
                    for month, amount in monthly_split(spent, 7 if code in ('DA03', 'DA06') else 2):
                        budget.append((code, name, src, year, month, 'giai_ngan', amount))
write_csv('du_toan.csv', ['ma_du_an', 'ten_du_an', 'nguon_von', 'nam', 'thang', 'loai', 'so_tien'],
          budget)


# ---------------------------------------------------------------------------
# lich_su_buoc.csv: the date each product reached each step it has passed,
# told the way tien_do tells it.  Step 2 is the registration.  Step 3, the
# idea selected: selected - 4 of them by the end of May, all by the end of
# June (task 5.2).  Step 4, the plan put to work: len(plans) - 12 by the end of
# May, all by the end of June (task 5.4).  Step 5 is the district rating and
# step 6 the provincial recognition, on the dates of danh_gia.  (A product at
# step 1 would have only that step, on its registration date; the quota above
# puts none there.)  Its own random
# generator, so the files above stay what they were before this one.

step_rng = random.Random(20190601)


def step_day(a, b):
    assert a <= b, (a, b)
    return a + dt.timedelta(days=step_rng.randrange((b - a).days + 1))


MAY31, JUN1, JUN20, JUN28 = (dt.date(2019, 5, 31), dt.date(2019, 6, 1), dt.date(2019, 6, 20),
                             dt.date(2019, 6, 28))
rated_on = {(m, cap): d for m, cap, d, *_ in ratings}
by_registration = sorted((p for p in products if p['buoc'] >= 3), key=lambda p: (p['ngay_dang_ky'], p['ma']))
june_plans = {p['ma'] for p in [p for p in by_registration if p['buoc'] >= 4][-12:]}
june_ideas = {p['ma'] for p in [p for p in by_registration if p['buoc'] == 3][-4:]}
history = []
for p in products:
    reg = p['ngay_dang_ky']
    if p['buoc'] == 1:
        history.append((p['ma'], reg, 1))
        continue
    history.append((p['ma'], reg, 2))
    if p['buoc'] >= 3:
        if p['ma'] in june_ideas:
            selected_on = step_day(JUN1, JUN20)
        elif p['buoc'] >= 4 and p['ma'] not in june_plans:
            selected_on = step_day(reg + dt.timedelta(days=14), min(reg + dt.timedelta(days=45), MAY31 -
                                                                     dt.timedelta(days=10)))
        else:
            selected_on = step_day(reg + dt.timedelta(days=14), min(reg + dt.timedelta(days=45), MAY31))
        history.append((p['ma'], selected_on, 3))
    if p['buoc'] >= 4:
        first = selected_on + dt.timedelta(days=10)
        if p['ma'] in june_plans:
            history.append((p['ma'], step_day(max(first, JUN1), JUN28), 4))
        else:
            history.append((p['ma'], step_day(first, min(selected_on + dt.timedelta(days=40), MAY31)), 4))
    if p['buoc'] >= 5:
        history.append((p['ma'], rated_on[(p['ma'], 'huyen')], 5))
    if p['buoc'] == 6:
        history.append((p['ma'], rated_on[(p['ma'], 'tinh')], 6))
for (m1, d1, _), (m2, d2, _) in zip(history, history[1:]):
    assert m1 != m2 or d1 < d2, (m1, d1, d2)


def reached(step, by):
    return sum(1 for _, d, s in history if s == step and d <= by)


assert (reached(3, MAY31), reached(3, JUN28)) == (selected - 4, selected), (reached(3, MAY31), selected)
assert (reached(4, MAY31), reached(4, JUN28)) == (len(plans) - 12, len(plans))
write_csv('lich_su_buoc.csv', ['ma_san_pham', 'ngay', 'buoc'],
          [(m, d.isoformat(), s) for m, d, s in history])

# ---------------------------------------------------------------------------
# nguoi_ky.csv: who signs each district-level unit's reports: the chairman of
# its People's Committee, or in some districts a vice-chairman signing for
# the chairman.  Written last, so drawing these names moves nothing above.

signers = []
for code in sorted((c for c, u in UNITS.items() if u['cap'] == '2'), key=int):
    while True:
        name, _ = person(code, 'Nữ' if rng.random() < 0.12 else 'Nam')
        if name not in used_names:
            used_names.add(name)
            break
    if rng.random() < 0.3:
        signers.append((code, name, 'Phó Chủ tịch', 'Chủ tịch'))
    else:
        signers.append((code, name, 'Chủ tịch', ''))
write_csv('nguoi_ky.csv', ['ma_don_vi', 'ho_ten', 'chuc_vu', 'ky_thay'], signers)

print('chu_the %d, san_pham %d, danh_gia %d (huyen %d, tinh %d), khoa_hoc %d, hoc_vien %d '
      '(cán bộ tỉnh %d, huyện %d, chủ thể %d), tien_do %d, du_toan %d, lich_su_buoc %d, nguoi_ky %d'
      % (len(subjects), len(products), len(ratings), len(district_rated), len(province_rated), len(COURSES),
         len(trainees), cadres_province, cadres_district, len(biz), len(progress), len(budget), len(history),
         len(signers)))
