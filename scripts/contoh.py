#!/usr/bin/env python3
"""Writes the example workbooks of docs/panduan.md into data/contoh/.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install openpyxl
    /tmp/venv/bin/python scripts/contoh.py

A small synthetic cohort of the Pemko Medan (36 ASN in five units; names and NIPs are made
up), laid out as a staff system exports it:

- pegawai.xlsx: one sheet of everybody (title rows, "No", NIP as text, "Pangkat/Gol. Ruang"
  in several spellings, PPPK grades, Jabatan, ABK, four competencies of PermenPANRB 38/2017
  and one column under a header of the office's own, "Hasil Asesmen Perekat Bangsa");
- asesmen.xlsx: the assessment centre's results in long form (NIP, Kompetensi, Nilai,
  Standar) for two more competencies;
- mentor-mentee.xlsx: the same people and levels as two sheets, Mentor and Mentee, every
  competency as a column (the layout the scenario file reads);
- pegawai-2027.xlsx: the next year's staff sheet (two have left, three juniors joined, one
  promoted);
- pegawai-nip-angka.xlsx: pegawai.xlsx with the NIPs stored as numbers (the mistake the
  guide shows).

The output depends only on this script: fixed levels from a seeded generator, fixed
document times.
"""

import datetime
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent.parent / "data" / "contoh"
FIXED = datetime.datetime(2026, 11, 30, 8, 0, 0)

# NIP, name, unit, grade as written, PPPK?, jabatan, ABK, capacity (mentors)
MENTORS = [
    ("197503122000031004", "Drs. Ahmad Syahputra Nasution", "BKPSDM", "Pembina Tk. I (IV/b)",
     "Kepala Bidang Pengembangan Kompetensi", 0.95, 3),
    ("198009252006042003", "Rosmawati Siregar, S.Sos.", "BKPSDM", "Penata Tk. I (III/d)",
     "Analis SDM Aparatur Ahli Muda", 1.10, 2),
    ("197811042003122002", "dr. Lili Hutagalung", "Dinas Kesehatan", "Pembina (IV/a)",
     "Kepala Seksi Pelayanan Kesehatan", 1.30, 2),
    ("198206172008011005", "Bonar Simatupang, S.K.M.", "Dinas Kesehatan", "III/d",
     "Epidemiolog Kesehatan Ahli Muda", 1.25, 2),
    ("198501302021212004", "Ns. Herlina Sinaga", "Dinas Kesehatan", "XII",
     "Perawat Ahli Madya", 1.15, 1),
    ("197402281999032001", "Dra. Sri Wahyuni", "Dinas Pendidikan dan Kebudayaan",
     "Pembina Tk. I (IV/b)", "Pengawas Sekolah Ahli Madya", 0.80, 2),
    ("198103112005011002", "Hotman Pardede, S.Pd.", "Dinas Pendidikan dan Kebudayaan",
     "IV/a", "Kepala Seksi Kurikulum", 0.90, 2),
    ("198712052010012003", "Fitri Handayani Lubis, S.E.", "Kecamatan Medan Johor",
     "Penata Tk. I (III/d)", "Sekretaris Camat", 1.05, 2),
    ("197907222002121001", "Muhammad Rizal Harahap, S.STP.", "Kecamatan Medan Johor",
     "IV/a", "Camat", 1.20, 1),
    ("197605192001122003", "Ir. Mariani Tanjung, M.T.", "Bappeda", "Pembina Utama Muda (IV/c)",
     "Kepala Bidang Perencanaan Infrastruktur", 0.85, 2),
    ("198304082009011001", "Andreas Tambunan, S.T.", "Bappeda", "III/d",
     "Perencana Ahli Muda", 0.70, 1),
    ("198610142011012004", "Dewi Kartika Saragih, S.Psi.", "BKPSDM", "IV/a",
     "Asesor SDM Aparatur Ahli Muda", 0.60, 1),
]

MENTEES = [
    ("199603142020122001", "Nurul Aini Rangkuti, S.Psi.", "BKPSDM", "Penata Muda (III/a)",
     "Analis SDM Aparatur Ahli Pertama", 0.85),
    ("199811022022031003", "Rahmat Hidayat", "BKPSDM", "II/c", "Pengelola Kepegawaian", 0.75),
    ("199409272019032002", "Yuni Sartika Daulay, S.H.", "BKPSDM", "III-b",
     "Analis Hukum Kepegawaian", 0.95),
    ("199701182022212003", "Siti Khadijah Pohan, S.Kom.", "BKPSDM", "IX",
     "Pranata Komputer Ahli Pertama", 0.70),
    ("199205062017012001", "Joko Prasetyo, S.E.", "BKPSDM", "Penata (III/c)",
     "Analis Kepegawaian Ahli Muda", 1.00),
    ("199512212020122002", "Ns. Maria Simanjuntak, S.Kep.", "Dinas Kesehatan", "III/a",
     "Perawat Ahli Pertama", 1.20),
    ("199806302023211001", "Rudi Hartono Sembiring, A.Md.Kes.", "Dinas Kesehatan", "VII",
     "Perawat Terampil", 1.10),
    ("199302112018032003", "drg. Anggi Situmorang", "Dinas Kesehatan", "Penata Muda Tk. I (III/b)",
     "Dokter Gigi Ahli Pertama", 1.05),
    ("199909012024212002", "Elisabeth Nainggolan, S.Farm.", "Dinas Kesehatan", "PPPK IX",
     "Apoteker Ahli Pertama", 0.90),
    ("199107252016011002", "Fauzi Rahman, S.K.M.", "Dinas Kesehatan", "III/c",
     "Administrator Kesehatan Ahli Muda", 1.00),
    ("199004172015032001", "Ratna Dewi Purba, S.Pd.", "Dinas Pendidikan dan Kebudayaan",
     "III/b", "Guru Ahli Pertama", 0.80),
    ("199612082021212003", "Lestari Wulandari, S.Pd.", "Dinas Pendidikan dan Kebudayaan", "IX",
     "Guru Ahli Pertama", 0.85),
    ("199408192019031004", "Bayu Aditya Ginting, S.Pd.", "Dinas Pendidikan dan Kebudayaan",
     "Penata Muda (III/a)", "Guru Ahli Pertama", 0.90),
    ("199702232022012001", "Indah Permata Sari", "Dinas Pendidikan dan Kebudayaan", "II/b",
     "Pengadministrasi Perkantoran", 0.65),
    ("199305052018011003", "Teguh Santoso Hasibuan, S.Pd.", "Dinas Pendidikan dan Kebudayaan",
     "III/c", "Penilik Ahli Muda", 0.95),
    ("199811112023211002", "Wahyu Saputra, S.Pd.", "Dinas Pendidikan dan Kebudayaan", "X",
     "Guru Ahli Pertama", 0.80),
    ("199510102020121001", "Arif Munandar Lubis, S.STP.", "Kecamatan Medan Johor", "III/a",
     "Analis Kebijakan Ahli Pertama", 1.00),
    ("199712242022032002", "Putri Ayu Manurung", "Kecamatan Medan Johor", "II/a",
     "Pengadministrasi Umum", 0.90),
    ("199201142017012003", "Sarah Nasution, S.Sos.", "Kecamatan Medan Johor", "III/b",
     "Kepala Seksi Pemerintahan", 1.15),
    ("199608282021211001", "Dedi Irawan Batubara", "Kecamatan Medan Johor", "V",
     "Pengelola Layanan Kependudukan", 0.85),
    ("199411302019031002", "Ilham Maulana Siregar, S.T.", "Bappeda", "Penata Muda Tk. I - III/b",
     "Perencana Ahli Pertama", 0.75),
    ("199603052020122004", "Desi Ratnasari, S.E.", "Bappeda", "III/a",
     "Analis Perencanaan Ahli Pertama", 0.80),
    ("199009092015031001", "Hendra Wijaya Tarigan, S.T., M.T.", "Bappeda", "III/c",
     "Perencana Ahli Muda", 0.90),
    ("199807162023212002", "Novita Sari Simbolon, S.Stat.", "Bappeda", "IX",
     "Statistisi Ahli Pertama", 0.70),
]

# The next year's changes: two leave, one is promoted, three juniors join.
LEFT = {"198501302021212004", "199205062017012001"}
PROMOTED = {"199409272019032002": "Penata (III/c)"}
JOINED = [
    ("200001152025042001", "Aisyah Putri Rambe, S.Psi.", "BKPSDM", "III/a",
     "Analis SDM Aparatur Ahli Pertama", 0.80),
    ("199905202025041002", "Kevin Sitorus, S.Kep.", "Dinas Kesehatan", "III/a",
     "Perawat Ahli Pertama", 1.05),
    ("200003032025212003", "Rini Anggraini, S.Pd.", "Dinas Pendidikan dan Kebudayaan", "IX",
     "Guru Ahli Pertama", 0.85),
]

# In the staff sheet (columns), and in the assessments (long form).
SHEET_COMPETENCIES = ["M.1 Integritas", "M.2 Kerja Sama", "M.3 Komunikasi",
                      "M.5 Pelayanan Publik"]
OWN_HEADER = ("Hasil Asesmen Perekat Bangsa", "SK.1 Perekat Bangsa")
LONG_COMPETENCIES = ["M.4 Orientasi pada Hasil", "M.8 Pengambilan Keputusan"]
ALL = SHEET_COMPETENCIES + [OWN_HEADER[1]] + LONG_COMPETENCIES

# Strong competencies by unit (a unit's seniors and juniors lean the same way).
STRONG = {
    "BKPSDM": {"M.1 Integritas", "M.3 Komunikasi", "M.8 Pengambilan Keputusan"},
    "Dinas Kesehatan": {"M.5 Pelayanan Publik", "M.2 Kerja Sama", "M.1 Integritas"},
    "Dinas Pendidikan dan Kebudayaan": {"M.3 Komunikasi", "SK.1 Perekat Bangsa"},
    "Kecamatan Medan Johor": {"M.5 Pelayanan Publik", "SK.1 Perekat Bangsa",
                              "M.2 Kerja Sama"},
    "Bappeda": {"M.4 Orientasi pada Hasil", "M.8 Pengambilan Keputusan"},
}


def levels(rng, unit, mentor):
    """One level per competency (mentors 1-5, mentees 1-4), higher where the unit is strong."""
    out = {}
    for c in ALL:
        base = 2.9 if mentor else 1.7
        if c in STRONG[unit]:
            base += 0.8
        value = round(base + rng.gauss(0, 1.0 if mentor else 0.8))
        out[c] = max(1, min(5 if mentor else 4, value))
    return out


def standards(rng, jabatan):
    """A mentee's standard per competency: 2 for Ahli Pertama and staff, 3 for Ahli Muda,
    one higher or lower now and then."""
    base = 3 if "Ahli Muda" in jabatan or "Kepala Seksi" in jabatan else 2
    return {c: max(2, min(4, base + rng.choice([0, 0, 0, 1, 1, -1]))) for c in ALL}


def people():
    rng = random.Random(38)  # PermenPANRB 38/2017
    mentors = [dict(nip=m[0], name=m[1], unit=m[2], grade=m[3], jabatan=m[4], abk=m[5],
                    capacity=m[6], level=levels(rng, m[2], True)) for m in MENTORS]
    mentees = []
    for e in MENTEES + JOINED:
        level = levels(rng, e[2], False)
        mentees.append(dict(nip=e[0], name=e[1], unit=e[2], grade=e[3], jabatan=e[4],
                            abk=e[5], capacity=None, level=level,
                            standard=standards(rng, e[4])))
    return mentors, mentees


def title(ws, lines, width):
    for text in lines:
        ws.append([text])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([None] * width)


def staff_sheet(path, mentors, mentees, nip_as_number=False, next_year=False):
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    header = ["No", "NIP", "Nama Pegawai", "Unit Kerja / OPD", "Pangkat/Gol. Ruang", "Jabatan",
              "Beban Kerja (ABK)", "Kapasitas Bimbingan"] + SHEET_COMPETENCIES + [
              OWN_HEADER[0], "Standar M.3 Komunikasi"]
    year = "2027" if next_year else "2026"
    title(ws, ["DAFTAR PEGAWAI PEMERINTAH KOTA MEDAN",
               f"Keadaan per 30 November {year}"], len(header))
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    rows = mentors + mentees
    if next_year:
        rows = [p for p in rows if p["nip"] not in LEFT]
    else:
        joined = {j[0] for j in JOINED}
        rows = [p for p in rows if p["nip"] not in joined]
    for n, p in enumerate(rows, start=1):
        grade = PROMOTED.get(p["nip"], p["grade"]) if next_year else p["grade"]
        standard = p.get("standard", {}).get("M.3 Komunikasi")
        ws.append([n, int(p["nip"]) if nip_as_number else p["nip"], p["name"], p["unit"], grade,
                   p["jabatan"], p["abk"], p["capacity"]]
                  + [p["level"][c] for c in SHEET_COMPETENCIES]
                  + [p["level"][OWN_HEADER[1]], standard])
        if not nip_as_number:
            ws.cell(ws.max_row, 2).number_format = "@"
    widths = [5, 21, 34, 32, 26, 40, 10, 10] + [12] * 6
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    save(wb, path)


def assessments(path, mentors, mentees):
    wb = Workbook()
    ws = wb.active
    ws.title = "Hasil Asesmen"
    title(ws, ["HASIL PEMETAAN KOMPETENSI MANAJERIAL DAN SOSIAL KULTURAL",
               "UPT Penilaian Kompetensi, BKPSDM Kota Medan, 2026"], 4)
    ws.append(["NIP", "Kompetensi", "Nilai", "Standar"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    joined = {j[0] for j in JOINED}
    for p in mentors + [e for e in mentees if e["nip"] not in joined]:
        for c in LONG_COMPETENCIES:
            standard = p["standard"][c] if "standard" in p else None
            ws.append([p["nip"], c, p["level"][c], standard])
            ws.cell(ws.max_row, 1).number_format = "@"
    for col, w in zip("ABCD", [21, 30, 8, 9]):
        ws.column_dimensions[col].width = w
    save(wb, path)


def split(path, mentors, mentees):
    wb = Workbook()
    joined = {j[0] for j in JOINED}
    for sheet, rows, is_mentor in [("Mentor", mentors, True),
                                   ("Mentee", [e for e in mentees if e["nip"] not in joined],
                                    False)]:
        ws = wb.active if is_mentor else wb.create_sheet()
        ws.title = sheet
        header = ["NIP", "Nama Pegawai", "Unit Kerja", "Golongan", "Jabatan"]
        if is_mentor:
            header += ["Beban Kerja", "Kapasitas"]
        header += ALL
        if not is_mentor:
            header += [f"Standar {c}" for c in ALL]
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for p in rows:
            row = [p["nip"], p["name"], p["unit"], p["grade"], p["jabatan"]]
            if is_mentor:
                row += [p["abk"], p["capacity"]]
            row += [p["level"][c] for c in ALL]
            if not is_mentor:
                # As in the staff sheet: only Komunikasi and the assessed ones carry a
                # standard; the others take the default target.
                row += [p["standard"][c] if c in ["M.3 Komunikasi"] + LONG_COMPETENCIES
                        else None for c in ALL]
            ws.append(row)
            ws.cell(ws.max_row, 1).number_format = "@"
    save(wb, path)


def save(wb, path):
    wb.properties.creator = "BKPSDM Kota Medan"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)
    print(path.relative_to(OUT.parent.parent))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    mentors, mentees = people()
    staff_sheet(OUT / "pegawai.xlsx", mentors, mentees)
    staff_sheet(OUT / "pegawai-nip-angka.xlsx", mentors, mentees, nip_as_number=True)
    staff_sheet(OUT / "pegawai-2027.xlsx", mentors, mentees, next_year=True)
    assessments(OUT / "asesmen.xlsx", mentors, mentees)
    split(OUT / "mentor-mentee.xlsx", mentors, mentees)


if __name__ == "__main__":
    main()
