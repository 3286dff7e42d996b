import { describe, expect, it } from 'vitest';
import { GENERIC_58, GENERIC_80, findProfile, printerProfiles, type PrinterProfile } from '../../../src/devices/printer/profiles';
import { encodeQueueTicket, encodeRequestReceipt, encodeTestSlip, receiptTime, type RequestReceipt } from '../../../src/devices/printer/templates';
import { interpretEscPos, isCentred, lines, qrPayloads, texts } from './print-assertions';

const RASTER_58: PrinterProfile = { ...GENERIC_58, id: 'raster-58', qr: 'raster' };
const RASTER_80: PrinterProfile = { ...GENERIC_80, id: 'raster-80', qr: 'raster' };
const TM_T88V = findProfile('epson-tm-t88v')!; // 42 columns on 512 dots
const PROFILES = [GENERIC_58, GENERIC_80, RASTER_58, RASTER_80, TM_T88V];

const receipt: RequestReceipt = {
  villageName: 'Desa Sukamaju',
  queueNumber: 'A-007',
  letterName: 'Keterangan Penduduk',
  residentName: 'Budi Santoso',
  maskedNik: '320101******0001',
  createdAt: new Date('2026-11-29T02:55:00Z'),
  timeZone: 'Asia/Jakarta',
  requirements: ['Surat Pengantar RT/RW', 'Fotokopi KK'],
  syncState: 'sent',
  reference: 'ADM01-261129-7KQ3M',
};

describe.each(PROFILES.map((p) => [p.id, p] as const))('request receipt on %s', (_id, profile) => {
  const job = interpretEscPos(encodeRequestReceipt(profile, receipt));

  it('starts with ESC @ and FS . and ends with a cut after feeding', () => {
    const bytes = encodeRequestReceipt(profile, receipt);
    expect([...bytes.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x2e]);
    const last = job.items.at(-1);
    expect(last).toMatchObject({ kind: 'cut' });
    expect(last?.kind === 'cut' && last.feedLines).toBeGreaterThanOrEqual(3);
  });

  it('prints the village, the title and the queue number in large print, centred', () => {
    const all = lines(job);
    const village = all[0]!;
    const title = all.find((l) => l.text.includes('BUKTI PERMOHONAN SURAT'))!;
    const queue = all.find((l) => l.text.trim() === 'A-007')!;
    expect(village).toMatchObject({ text: expect.stringContaining('Desa Sukamaju'), bold: true });
    expect(title.bold).toBe(true);
    expect(queue).toMatchObject({ width: 3, height: 3 });
    for (const line of [village, title, queue]) expect(isCentred(line, profile.columns), line.text).toBe(true);
  });

  it('prints the letter, the resident with a masked NIK, the time, the requirements and the sync state', () => {
    const text = texts(job).join('\n');
    expect(text).toContain('Keterangan Penduduk');
    expect(text).toContain('Budi Santoso');
    expect(text).toContain('320101******0001');
    expect(text).not.toMatch(/\d{16}/);
    expect(text).toContain('29-11-2026 09:55 WIB');
    expect(text).toContain('- Surat Pengantar RT/RW');
    expect(text).toContain('- Fotokopi KK');
    expect(text).toContain('Terkirim');
    expect(text).toContain('Tunjukkan bukti ini');
  });

  it(`carries the reference in a QR code that reads back (${profile.qr})`, () => {
    expect(qrPayloads(job)).toEqual([receipt.reference]);
    expect(job.items.some((i) => i.kind === (profile.qr === 'native' ? 'qr' : 'image'))).toBe(true);
  });

  it('never prints a line wider than the paper', () => {
    for (const line of lines(job)) expect(line.columnsUsed, line.text).toBeLessThanOrEqual(profile.columns);
  });

  it('wraps long names onto more lines instead of cutting them', () => {
    const long = interpretEscPos(
      encodeRequestReceipt(profile, {
        ...receipt,
        letterName: 'Pengantar Penerbitan Buku Pas Lintas Batas untuk Keperluan Perjalanan Dinas',
        residentName: 'Raden Ajeng Siti Nurhayati Kusumawardhani Prawirodirdjo',
      }),
    );
    for (const line of lines(long)) expect(line.columnsUsed).toBeLessThanOrEqual(profile.columns);
    const text = texts(long).join(' ');
    for (const word of ['Pengantar', 'Perjalanan', 'Dinas', 'Kusumawardhani', 'Prawirodirdjo']) expect(text).toContain(word);
  });
});

describe('request receipt details', () => {
  it('folds text the code page lacks to ASCII', () => {
    const job = interpretEscPos(
      encodeRequestReceipt(GENERIC_58, { ...receipt, villageName: 'Désa Sukamaju – “Maju”', residentName: 'Ni Luh Putu Ayu Sukmawatî' }),
    );
    const text = texts(job).join('\n');
    expect(text).toContain('Desa Sukamaju - "Maju"');
    expect(text).toContain('Sukmawati');
  });

  it('says "Menunggu koneksi" while not sent, and marks an unverified resident', () => {
    const job = interpretEscPos(encodeRequestReceipt(GENERIC_58, { ...receipt, syncState: 'waiting', residentName: null }));
    const text = texts(job).join('\n');
    expect(text).toContain('Menunggu koneksi');
    expect(text).toContain('(PIN belum diperiksa)');
  });

  it.each([
    ['sent', 'Terkirim'],
    ['sending', 'Sedang dikirim'],
    ['waiting', 'Menunggu koneksi'],
    ['staff', 'Tanyakan ke petugas'],
  ] as const)('says only what is true about sending: %s', (syncState, line) => {
    const text = texts(interpretEscPos(encodeRequestReceipt(GENERIC_58, { ...receipt, syncState }))).join('\n');
    expect(text).toMatch(new RegExp(`^Status\\s+${line}$`, 'm'));
    for (const other of ['Terkirim', 'Sedang dikirim', 'Menunggu koneksi', 'Tanyakan ke petugas'].filter((o) => o !== line)) expect(text).not.toContain(other);
  });

  it('transliterates a name in another script, as printed; never "?"', () => {
    const text = texts(interpretEscPos(encodeRequestReceipt(GENERIC_58, { ...receipt, residentName: 'Øystein Ñúñez محمد' }))).join('\n');
    expect(text).toContain('Oystein Nunez mhmd');
    expect(text).not.toContain('?');
  });

  it('says on demo slips, top and bottom, that they are no official proof', () => {
    const demo = texts(interpretEscPos(encodeRequestReceipt(GENERIC_58, { ...receipt, demo: true })));
    expect(demo[0]).toBe('*** CONTOH - MODE DEMO ***');
    expect(demo.filter((t) => t === 'Bukan bukti resmi.')).toHaveLength(2);
    const ticket = texts(interpretEscPos(encodeQueueTicket(GENERIC_58, { villageName: 'Desa Sukamaju', queueNumber: 'A-001', createdAt: receipt.createdAt, timeZone: 'Asia/Jakarta', demo: true })));
    expect(ticket).toContain('*** CONTOH - MODE DEMO ***');
    expect(texts(interpretEscPos(encodeRequestReceipt(GENERIC_58, receipt))).join('\n')).not.toContain('MODE DEMO');
  });

  it.each(PROFILES.map((p) => [p.id, p] as const))('says on %s when news comes through the office (no phone), within the paper', (_id, profile) => {
    const job = interpretEscPos(encodeRequestReceipt(profile, { ...receipt, newsViaOffice: true }));
    const text = texts(job).join(' ');
    expect(text).toContain('Tanpa nomor HP: kabar permohonan lewat Kantor Desa.');
    for (const line of lines(job)) expect(line.columnsUsed).toBeLessThanOrEqual(profile.columns);
    expect(texts(interpretEscPos(encodeRequestReceipt(profile, receipt))).join(' ')).not.toContain('Tanpa nomor HP');
  });

  it('formats times in the kiosk zone with its short name', () => {
    expect(receiptTime(new Date('2026-11-29T02:55:00Z'), 'Asia/Makassar')).toBe('29-11-2026 10:55 WITA');
    expect(receiptTime(new Date('2026-11-29T02:55:00Z'), 'Asia/Jayapura')).toBe('29-11-2026 11:55 WIT');
  });
});

describe.each(PROFILES.map((p) => [p.id, p] as const))('requirements on %s', (_id, profile) => {
  const long = 'Surat Keterangan Kematian dari Rumah Sakit atau Puskesmas — asli dan fotokopi yang dilegalisir';
  const job = interpretEscPos(encodeRequestReceipt(profile, { ...receipt, requirements: [long, 'Fotokopi KK'] }));
  const printed = lines(job).map((l) => l.text);
  const start = printed.indexOf('Bawa ke Kantor Desa:');

  it('wraps a long requirement indented under its bullet, within the paper', () => {
    const block = printed.slice(start + 1, printed.findIndex((t, i) => i > start && t.startsWith('-') && t.includes('Fotokopi KK')) + 1);
    expect(block.length).toBeGreaterThan(2);
    expect(block[0]!.startsWith('- Surat')).toBe(true);
    for (const continuation of block.slice(1, -1)) expect(continuation, continuation).toMatch(/^ {2}\S/);
    expect(block.at(-1)).toBe('- Fotokopi KK');
    for (const line of block) expect(line.length).toBeLessThanOrEqual(profile.columns);
    expect(block.join(' ').replace(/\s+/g, ' ')).toContain('Puskesmas - asli dan fotokopi yang dilegalisir');
  });

  it('never starts a line with the folded dash, which would look like another requirement', () => {
    const end = printed.findIndex((t, i) => i > start && /^-+$/.test(t.trim())); // the rule under the list
    const bullets = printed.slice(start + 1, end).filter((t) => t.startsWith('-'));
    expect(bullets.map((b) => b.slice(2, 7))).toEqual(['Surat', 'Fotok']);
    expect(printed.some((t) => /^\s*- asli/.test(t))).toBe(false);
  });

  it('keeps the dash with the word before it when the line is full right before it', () => {
    const fullLine = `Surat ${'K'.repeat(profile.columns - 2 - 'Surat '.length)}`; // exactly one line
    const tight = interpretEscPos(encodeRequestReceipt(profile, { ...receipt, requirements: [`${fullLine} — asli`] }));
    const rows = lines(tight).map((l) => l.text);
    const at = rows.indexOf('Bawa ke Kantor Desa:');
    expect(rows.slice(at + 1, at + 5)).toEqual(['- Surat', `  ${'K'.repeat(profile.columns - 8)} -`, '  asli', '-'.repeat(profile.columns)]);
  });
});

describe.each([GENERIC_58, GENERIC_80, RASTER_58, TM_T88V].map((p) => [p.id, p] as const))('other slips on %s', (_id, profile) => {
  it('queue ticket: the number in large print, village, time, cut, no personal data', () => {
    const job = interpretEscPos(encodeQueueTicket(profile, { villageName: 'Desa Sukamaju', queueNumber: 'A-012', createdAt: receipt.createdAt, timeZone: 'Asia/Jakarta' }));
    expect(lines(job).find((l) => l.text.trim() === 'A-012')).toMatchObject({ width: 3, height: 3 });
    expect(texts(job)).toContain('NOMOR ANTREAN');
    expect(texts(job)).toContain('29-11-2026 09:55 WIB');
    expect(job.items.at(-1)).toMatchObject({ kind: 'cut' });
    expect(qrPayloads(job)).toEqual([]);
  });

  it('test slip: profile, a full-width column ruler, code-page sample, QR, cut', () => {
    const job = interpretEscPos(encodeTestSlip(profile, { kioskName: 'ADM-01', createdAt: receipt.createdAt, timeZone: 'Asia/Jakarta' }));
    const text = texts(job);
    expect(text.join('\n')).toContain(profile.name.slice(0, 10));
    const ruler = text.find((t) => /^1234567890/.test(t));
    expect(ruler?.length).toBe(profile.columns);
    expect(text).toContain('Lipat: "a" - e ...');
    expect(qrPayloads(job)).toEqual(['ADM TES ADM-01']);
    expect(job.items.at(-1)).toMatchObject({ kind: 'cut' });
  });

  it('test slip: the QR code carries the kiosk name folded exactly as the slip prints it', () => {
    const job = interpretEscPos(encodeTestSlip(profile, { kioskName: 'Kios “Balai” Désa', createdAt: receipt.createdAt, timeZone: 'Asia/Jakarta' }));
    const printed = texts(job).find((t) => t.startsWith('Kios   :'))!;
    expect(printed).toBe('Kios   : Kios "Balai" Desa');
    expect(qrPayloads(job)).toEqual(['ADM TES Kios "Balai" Desa']);
  });
});

describe('printer profiles', () => {
  it('has generic 58 and 80 mm profiles and the encoder\'s ESC/POS models', () => {
    expect(GENERIC_58).toMatchObject({ widthDots: 384, columns: 32 });
    expect(GENERIC_80).toMatchObject({ widthDots: 576, columns: 48 });
    expect(findProfile('pos-5890')).toMatchObject({ columns: 32, widthDots: 384 });
    expect(printerProfiles().length).toBeGreaterThan(10);
    expect(printerProfiles().every((p) => p.widthDots % 8 === 0)).toBe(true);
  });

  it('names every profile without stray spaces, and gives 42-column models their real 512 dots', () => {
    for (const profile of printerProfiles()) expect(profile.name, profile.id).toBe(profile.name.trim());
    expect(findProfile('pos-5890')?.name).toBe('POS-5890');
    expect(findProfile('epson-tm-t88v')).toMatchObject({ columns: 42, widthDots: 512 });
    const slip = texts(interpretEscPos(encodeTestSlip(findProfile('epson-tm-t88v')!, { kioskName: 'ADM-01', createdAt: receipt.createdAt, timeZone: 'Asia/Jakarta' })));
    expect(slip).toContain('Lebar  : 512 titik, 42 kolom');
  });

  it('prints raster QR codes on models without their own, readable in reading orientation', () => {
    for (const id of ['bixolon-srp350', 'epson-tm-t88ii', 'epson-tm-t88iii', 'metapace-t1']) {
      const profile = findProfile(id)!;
      expect(profile, id).toMatchObject({ qr: 'raster', nativeQr: false });
      const job = interpretEscPos(encodeRequestReceipt(profile, receipt));
      const images = job.items.filter((item) => item.kind === 'image');
      expect(images, id).toHaveLength(1);
      expect(images[0]!.kind === 'image' && images[0]!.image.width <= profile.widthDots).toBe(true);
      expect(qrPayloads(job), id).toEqual([receipt.reference]); // strict: module by module, not mirrored
    }
  });

  it('encodes a receipt on every known profile', () => {
    for (const profile of printerProfiles()) {
      const job = interpretEscPos(encodeRequestReceipt(profile, receipt));
      expect(qrPayloads(job), profile.id).toEqual([receipt.reference]);
    }
  });
});
