/**
 * Reasons the sync worker writes to the outbox for technicians (`adm outbox
 * list`, Admin > Permohonan); `last-error.ts` reads them back as codes.
 */
import { describeTarget } from '../village/server-target';

export const MESSAGES = {
  wrongPin: 'PIN warga ditolak server desa. Permohonan tidak dikirim; warga perlu mengajukan lagi.',
  pinTooOld: 'PIN tersimpan sudah melewati batas waktu. Permohonan tidak dikirim; warga perlu mengajukan lagi.',
  noCredentials: 'Tidak ada PIN atau sesi tersimpan untuk permohonan ini; warga perlu mengajukan lagi.',
  sessionExpired: 'Sesi warga sudah berakhir sebelum permohonan terkirim; warga perlu mengajukan lagi.',
  unreadableSecret: (detail: string) =>
    `PIN atau sesi tersimpan tidak dapat dibuka (${detail}); kunci kios mungkin berganti. Warga perlu mengajukan lagi.`,
  otherServer: (made: string | null, current: string) =>
    `Permohonan ini dibuat untuk ${describeTarget(made)}, bukan ${describeTarget(current)}; ditahan, tidak dikirim. ` +
    'Jika memang harus ke server sekarang: adm outbox retarget <referensi>.',
  ambiguous: (ids: number[]) =>
    `Lebih dari satu permohonan di server bisa jadi permohonan ini (id ${ids.join(', ')}); tidak dikirim lagi. ` +
    'Periksa di OpenSID; bila tidak ada yang cocok, kirim lagi di Admin > Permohonan atau dengan adm outbox retry.',
  noMark: 'Pengiriman sebelumnya tidak pasti dan dibuat oleh versi kios lama; periksa di OpenSID sebelum mengirim lagi (Admin > Permohonan atau adm outbox retry).',
  tooManyAbove: 'Terlalu banyak permohonan baru warga di server untuk diperiksa; periksa di OpenSID sebelum mengirim lagi (Admin > Permohonan atau adm outbox retry).',
  crashed: (detail: string) => `Kesalahan kios saat mengirim permohonan ini: ${detail}`,
} as const;
