/**
 * The shell's own full-screen messages, for when the kiosk page cannot be
 * shown (the core failed to start, the page failed to load): plain HTML as a
 * data: URL, so they need neither the core, nor the app:// files, nor a
 * script. The one button is a link to `RETRY_URL`, which the shell intercepts
 * (`will-navigate`) and answers by trying again at once.
 */
import { APP_ORIGIN } from './policy';

export const RETRY_URL = `${APP_ORIGIN}/__retry`;

export interface ShellMessage {
  title: string;
  lines: string[];
  /** A technical detail for the technician (an error message), shown small. */
  detail?: string | null;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The kiosk could not start: residents are told, the technician sees why; the shell keeps retrying by itself. */
export function startupFailedMessage(error: unknown, retryInSeconds: number): ShellMessage {
  return {
    title: 'Kios belum bisa dimulai',
    lines: [
      'Mohon maaf, anjungan sedang tidak dapat digunakan. Silakan minta bantuan petugas di loket.',
      `Kios mencoba lagi sendiri dalam ${retryInSeconds} detik.`,
    ],
    detail: `Untuk teknisi: ${error instanceof Error ? error.message : String(error)}. Catatan ada di folder logs/ di direktori data kios.`,
  };
}

/** The kiosk page failed to load or stopped: the shell reloads it by itself. */
export function pageFailedMessage(reason: string, retryInSeconds: number): ShellMessage {
  return {
    title: 'Layar kios sedang dimuat ulang',
    lines: ['Mohon tunggu sebentar. Permohonan yang sudah tersimpan tetap aman.', `Kios mencoba lagi sendiri dalam ${retryInSeconds} detik.`],
    detail: `Untuk teknisi: ${reason}`,
  };
}

export function shellPageUrl(message: ShellMessage): string {
  const html = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(message.title)}</title>
<style>
html, body { margin: 0; height: 100%; background: #0b3d2e; color: #fff; font: 28px/1.4 "DejaVu Sans", system-ui, sans-serif; }
main { box-sizing: border-box; min-height: 100%; display: flex; flex-direction: column; justify-content: center; gap: 24px; padding: 6vh 8vw; }
h1 { font-size: 48px; margin: 0; }
p { margin: 0; max-width: 40em; }
a { align-self: flex-start; display: inline-block; min-width: 240px; min-height: 72px; line-height: 72px; padding: 0 40px; border-radius: 12px; background: #fff; color: #0b3d2e; font-weight: bold; text-align: center; text-decoration: none; }
small { font-size: 18px; opacity: 0.8; word-break: break-word; }
</style>
</head>
<body>
<main>
<h1>${escape(message.title)}</h1>
${message.lines.map((line) => `<p>${escape(line)}</p>`).join('\n')}
<a href="${RETRY_URL}">Coba lagi sekarang</a>
${message.detail ? `<small>${escape(message.detail)}</small>` : ''}
</main>
</body>
</html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
