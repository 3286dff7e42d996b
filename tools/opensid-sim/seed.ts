/**
 * Demo data for the demo village server. EVERYTHING HERE IS FICTIONAL DEMO
 * DATA: the village, the residents, their NIKs and PINs. The README's demo
 * section lists the residents for people trying the kiosk.
 */

export interface SimFormField {
  type: string;
  required: boolean;
  label: string;
  name: string;
  placeholder?: string;
  multiple?: boolean;
  values?: Array<{ label: string; value: string; selected?: boolean }>;
}

export interface SimLetter {
  id: number;
  kode: string | null;
  nama: string;
  slug: string;
  /** Requirement type ids the resident must bring or upload. */
  syarat: number[];
  /** The letter's own fields (the API appends keterangan, no_hp_aktif and syarat). */
  fields: SimFormField[];
}

export interface SimResident {
  id: number;
  nik: string;
  pin: string;
  nama: string;
  noKk: string;
  tempatLahir: string;
  tanggalLahir: string; // d-m-Y, as the API sends it
  noTelepon: string | null;
  dusun: string;
  rt: string;
  rw: string;
  /** e-KTP chip UID as OpenSID stores it (10-17 digits), when registered. */
  tagIdCard: string | null;
  gantiPin: 0 | 1;
  /** Uploaded documents by requirement id. */
  dokumen: Array<{ id: number; syaratId: number; nama: string }>;
}

export const REQUIREMENT_TYPES: Record<number, string> = {
  1: 'Surat Pengantar RT/RW',
  2: 'Fotokopi KK',
  3: 'Fotokopi KTP',
  4: 'Fotokopi Surat/Akta Nikah',
  5: 'Fotokopi Akta Kelahiran',
  6: 'Surat Pindah Datang',
  7: 'Surat Keterangan Kematian (RS/Puskesmas)',
  8: 'Surat Keterangan Cerai',
  9: 'Fotokopi Ijazah Terakhir',
  10: 'SK PNS/TNI/POLRI',
  11: 'Surat Keterangan Kematian (Kepala Desa)',
  12: 'Surat Imigrasi/STMD',
};

const text = (label: string, required = true, placeholder = ''): SimFormField => ({
  type: 'text',
  required,
  label,
  name: fieldName(label),
  placeholder,
});
const area = (label: string, required = true): SimFormField => ({ type: 'textarea', required, label, name: fieldName(label) });
const typed = (type: string, label: string, required = true): SimFormField => ({ type, required, label, name: fieldName(label) });
const select = (label: string, options: string[], required = true): SimFormField => ({
  type: 'select',
  required,
  label,
  name: fieldName(label),
  multiple: false,
  values: options.map((option) => ({ label: option, value: option, selected: false })),
});

/** OpenSID's rule: label lower-cased, spaces to `_`, other characters kept. */
export function fieldName(label: string): string {
  return label.toLowerCase().replace(/ /g, '_');
}

export const LETTERS: SimLetter[] = [
  { id: 1, kode: '500', nama: 'Keterangan Usaha', slug: 'surat-keterangan-usaha', syarat: [1, 2, 3],
    fields: [text('Nama Usaha', true, 'contoh: Warung Makan Sederhana'), select('Jenis Usaha', ['Perdagangan', 'Jasa', 'Pertanian', 'Industri Rumah Tangga']), typed('number', 'Lama Usaha (Tahun)'), area('Alamat Usaha'), area('Keperluan')] },
  { id: 2, kode: 'S-13', nama: 'Pengantar Laporan Kehilangan', slug: 'surat-pengantar-laporan-kehilangan', syarat: [1, 3],
    fields: [text('Barang Yang Hilang'), typed('hari-tanggal', 'Hari Tanggal Kehilangan'), typed('time', 'Perkiraan Jam Kehilangan', false), area('Tempat Kehilangan'), area('Keterangan Kejadian', false)] },
  { id: 3, kode: 'S-01', nama: 'Keterangan Pengantar', slug: 'surat-keterangan-pengantar', syarat: [1, 2],
    fields: [area('Keperluan'), typed('date', 'Berlaku Sampai', false)] },
  { id: 4, kode: 'S-02', nama: 'Keterangan Penduduk', slug: 'surat-keterangan-penduduk', syarat: [2, 3],
    fields: [area('Keperluan')] },
  { id: 5, kode: 'S-12', nama: 'Pengantar Izin Keramaian', slug: 'surat-pengantar-izin-keramaian', syarat: [1, 3],
    fields: [select('Jenis Acara', ['Pernikahan', 'Khitanan', 'Syukuran', 'Pengajian', 'Lainnya']), typed('hari', 'Hari Acara'), typed('date', 'Tanggal Acara'), typed('time', 'Jam Mulai'), area('Tempat Acara'), typed('number', 'Perkiraan Jumlah Tamu', false)] },
  { id: 6, kode: 'S-30', nama: 'Keterangan Pergi Kawin', slug: 'surat-keterangan-pergi-kawin', syarat: [1, 2, 3, 5],
    fields: [text('Nama Calon Pasangan'), area('Tujuan'), typed('date', 'Tanggal Berangkat')] },
  { id: 7, kode: 'S-16', nama: 'Keterangan Domisili Usaha', slug: 'surat-keterangan-domisili-usaha', syarat: [1, 3],
    fields: [text('Nama Usaha'), area('Alamat Usaha'), typed('email', 'Email Usaha', false), typed('url', 'Situs Web Usaha', false)] },
  { id: 8, kode: 'S-08', nama: 'Keterangan KTP dalam Proses', slug: 'surat-keterangan-ktp-dalam-proses', syarat: [2],
    fields: [typed('date', 'Tanggal Perekaman')] },
  { id: 9, kode: 'S-11', nama: 'Keterangan Kurang Mampu', slug: 'surat-keterangan-kurang-mampu', syarat: [1, 2, 3],
    fields: [area('Keperluan'), select('Ditujukan Untuk', ['Sekolah', 'Rumah Sakit', 'Bantuan Sosial', 'Lainnya'])] },
  { id: 10, kode: '471.1', nama: 'Keterangan Beda Identitas', slug: 'surat-keterangan-beda-identitas', syarat: [2, 3, 5],
    fields: [select('Dokumen Yang Berbeda', ['KTP', 'KK', 'Akta Kelahiran', 'Ijazah', 'Lainnya']), text('Data Yang Tertulis'), text('Data Yang Benar'), area('Keperluan')] },
  { id: 11, kode: 'S-07', nama: 'Pengantar SKCK', slug: 'surat-pengantar-skck', syarat: [1, 2, 3],
    fields: [area('Keperluan')] },
  { id: 12, kode: 'S-41', nama: 'Keterangan Domisili', slug: 'surat-keterangan-domisili', syarat: [1, 3],
    fields: [typed('number', 'Lama Tinggal (Tahun)'), area('Keperluan')] },
  { id: 13, kode: 'S-43', nama: 'Pengantar Penerbitan Buku Pas Lintas', slug: 'surat-pengantar-penerbitan-buku-pas-lintas', syarat: [2, 3],
    fields: [text('Negara Tujuan'), area('Keperluan'), typed('date', 'Tanggal Berangkat')] },
  { id: 14, kode: 'S-03', nama: 'Biodata Penduduk', slug: 'surat-biodata-penduduk', syarat: [2],
    fields: [] },
  { id: 15, kode: 'S-10', nama: 'Keterangan Bepergian', slug: 'surat-keterangan-bepergian', syarat: [1, 2, 3],
    fields: [area('Tujuan'), typed('date', 'Tanggal Berangkat'), typed('number', 'Lama Bepergian (Hari)'), text('Pengikut', false)] },
];

const RESIDENT_ROWS: Array<[string, string, string, string, string | null, string | null]> = [
  // NIK, PIN, name, birth date (d-m-Y), phone, e-KTP tag
  ['3201011501850001', '123456', 'Budi Santoso', '15-01-1985', '081234567801', '1234567890'],
  ['3201015203900002', '234567', 'Siti Aminah', '12-03-1990', '081234567802', null],
  ['3201012207780003', '345678', 'Ahmad Hidayat', '22-07-1978', '081234567803', '2864434397'],
  ['3201014811950004', '456789', 'Dewi Lestari', '08-11-1995', '081234567804', null],
  ['3201010302620005', '567890', 'Suparman', '03-02-1962', null, null],
  ['3201015909880006', '678901', 'Rina Marlina', '19-09-1988', '0813 2222 0006', null], // written with spaces, as operators do
  ['3201011712000007', '789012', 'Agus Setiawan', '17-12-2000', '081234567807', null],
  ['3201016505550008', '890123', 'Sumarni', '25-05-1955', null, null],
  ['3201012808920009', '901234', 'Yusuf Maulana', '28-08-1992', '081234567809', null],
  ['3201014101980010', '112233', 'Fitri Handayani', '01-01-1998', '081234567810', null],
  ['3201010610700011', '223344', 'Hendra Gunawan', '06-10-1970', '081234567811', null],
  ['3201015406830012', '334455', 'Nurhayati', '14-06-1983', '081234567812', null],
  ['3201012304660013', '445566', 'Slamet Riyadi', '23-04-1966', null, null],
  ['3201016102940014', '556677', 'Wulan Sari', '21-02-1994', '081234567814', null],
  ['3201011109870015', '667788', 'Joko Prasetyo', '11-09-1987', '081234567815', null],
  ['3201015712910016', '778899', 'Ani Rahmawati', '17-12-1991', '081234567816', null],
  ['3201010101500017', '889900', 'Karto Wiryo', '01-01-1950', null, null],
  ['3201014408030018', '135790', 'Putri Ayu', '04-08-2003', '081234567818', null],
  ['3201013003800019', '246802', 'Bambang Sutrisno', '30-03-1980', '081234567819', null],
  ['3201016907760020', '975310', 'Lilis Suryani', '29-07-1976', '081234567820', null],
  ['3201012510990021', '864200', 'Rizky Pratama', '25-10-1999', '081234567821', null],
  ['3201015010720022', '102938', 'Sri Wahyuni', '10-10-1972', '081234567822', null],
];

export const RESIDENTS: SimResident[] = RESIDENT_ROWS.map(([nik, pin, nama, lahir, telp, tag], index) => ({
  id: 101 + index,
  nik,
  pin,
  nama,
  noKk: `32010112${String(1000 + index).padStart(8, '0')}`,
  tempatLahir: 'Bogor',
  tanggalLahir: lahir,
  noTelepon: telp,
  dusun: ['Dusun I', 'Dusun II', 'Dusun III'][index % 3]!,
  rt: String((index % 5) + 1).padStart(3, '0'),
  rw: String((index % 3) + 1).padStart(3, '0'),
  tagIdCard: tag,
  gantiPin: index % 4 === 0 ? 1 : 0,
  // The first three residents have uploaded a photocopy of their KK and KTP.
  dokumen:
    index < 3
      ? [
          { id: 500 + index * 2, syaratId: 2, nama: `KK ${nama}` },
          { id: 501 + index * 2, syaratId: 3, nama: `KTP ${nama}` },
        ]
      : [],
}));

export const VILLAGE = {
  nama_desa: 'Sukamaju',
  kode_desa: '3201012001',
  nama_kecamatan: 'Cibinong',
  nama_kabupaten: 'Bogor',
  nama_provinsi: 'Jawa Barat',
  alamat_kantor: 'Jl. Raya Sukamaju No. 1',
  kode_pos: '16911',
  kepala_desa: 'H. Sudirman',
  operator: '081200000000',
};

export const ARTICLES = [
  {
    id: 1,
    title: 'Jadwal Posyandu Bulan Ini',
    text: '<p>Posyandu Melati dibuka setiap <strong>Selasa</strong> pukul 08.00-11.00 di Balai Dusun I.</p><script>alert(1)</script>',
    created_at: '2026-11-20 09:15:00',
  },
  {
    id: 2,
    title: 'Kerja Bakti Bersih Desa',
    text: '<p>Warga diundang kerja bakti hari Minggu pagi. <img src="x" onerror="alert(1)">Bawa alat kebersihan masing-masing.</p>',
    created_at: '2026-11-25 16:30:00',
  },
];

/** The village officials who sign letters (`nama_pamong`). */
export const OFFICIALS = {
  head: { nama: VILLAGE.kepala_desa, jabatan: 'Kepala Desa' },
  secretary: { nama: 'Rahmat Hidayat, S.Sos.', jabatan: 'Sekretaris Desa' },
} as const;

export interface SimIssuedLetter {
  /** The letter's id in the server's letter log (`arsip`): stable, tests name them (ISSUED_LETTER_IDS). */
  id: number;
  residentId: number;
  /** Its letter format (LETTERS), or null when the format was deleted since (`jenis_surat` null). */
  letterId: number | null;
  nomorSurat: string | null;
  /** `tanggal` as the server writes it (local time). */
  tanggal: string;
  /** 1 signed electronically, 0 waiting for the signature, null not signed electronically. */
  tte: 0 | 1 | null;
  official: { nama: string; jabatan: string };
  /** Pages of its PDF (F4). */
  pages: number;
  /** The row exists but its stored file does not: `unduh` answers 200 with an empty body. */
  fileMissing: boolean;
}

/**
 * Stable ids of the demo village's issued letters, for tests and demos:
 * - 400 Budi: a draft whose letter format was deleted (no number, no name, tte null);
 * - 401 Budi: Keterangan Domisili, signed (tte 1), 2 pages: the one to print;
 * - 402 Budi: Pengantar SKCK, waiting for the signature (tte 0);
 * - 403 Budi: Keterangan Usaha, not signed electronically (tte null): signed on paper at the counter;
 * - 404 Budi: Keterangan Kurang Mampu, signed, but its stored file is missing;
 * - 405 Siti: Keterangan Penduduk, signed, 1 page: not in Budi's list, yet `unduh` serves it to Budi's token.
 */
export const ISSUED_LETTER_IDS = {
  budiDraft: 400,
  budiSigned: 401,
  budiWaiting: 402,
  budiPaper: 403,
  budiSignedMissing: 404,
  sitiSigned: 405,
} as const;

const BUDI_ID = RESIDENTS[0]!.id; // Budi Santoso
const SITI_ID = RESIDENTS[1]!.id; // Siti Aminah

export const ISSUED_LETTERS: SimIssuedLetter[] = [
  { id: 400, residentId: BUDI_ID, letterId: null, nomorSurat: null, tanggal: '2026-09-02 10:12:40', tte: null, official: OFFICIALS.secretary, pages: 1, fileMissing: false },
  { id: 401, residentId: BUDI_ID, letterId: 12, nomorSurat: '470/041/SKD/XI/2026', tanggal: '2026-11-18 09:30:12', tte: 1, official: OFFICIALS.head, pages: 2, fileMissing: false },
  { id: 402, residentId: BUDI_ID, letterId: 11, nomorSurat: '331/017/SKCK/XI/2026', tanggal: '2026-11-24 13:05:47', tte: 0, official: OFFICIALS.head, pages: 1, fileMissing: false },
  { id: 403, residentId: BUDI_ID, letterId: 1, nomorSurat: '500/052/SKU/XI/2026', tanggal: '2026-11-25 08:41:03', tte: null, official: OFFICIALS.secretary, pages: 1, fileMissing: false },
  { id: 404, residentId: BUDI_ID, letterId: 9, nomorSurat: '400/033/SKTM/XII/2026', tanggal: '2026-12-01 11:20:55', tte: 1, official: OFFICIALS.head, pages: 2, fileMissing: true },
  { id: 405, residentId: SITI_ID, letterId: 4, nomorSurat: '470/044/SKP/XII/2026', tanggal: '2026-12-02 14:02:31', tte: 1, official: OFFICIALS.head, pages: 1, fileMissing: false },
];
