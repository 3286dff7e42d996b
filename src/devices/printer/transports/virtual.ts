/**
 * The virtual printer: a folder instead of a device, for demo mode, e2e tests
 * and a technician without hardware. Each job lands as `<time>-<n>.bin` (the
 * exact bytes), `.txt` (what would be printed, via the interpreter) and `.png`
 * (a picture of the slip, when the bundled font is found). The
 * printer's state comes from `state.json` in the folder, e.g.
 * {"status":"paper-out"}, and is answered to status requests like a real
 * printer, so every honest message can be seen without hardware.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PrinterStatus } from '../../../shared/device-status';
import { interpretEscPos, renderJobText } from '../escpos-interpreter';
import { findPreviewFont, writeJobPng } from '../preview-png';
import type { PrinterConnection, PrinterTransport } from './connection';

/** DLE EOT answers per state (fixed bits 0x12 plus the state's bits). */
const STATUS_BYTES: Record<PrinterStatus, Record<number, number> | null> = {
  ready: { 1: 0x12, 2: 0x12, 4: 0x12 },
  'paper-near-end': { 1: 0x12, 2: 0x12, 4: 0x1e },
  'paper-out': { 1: 0x1a, 2: 0x32, 4: 0x72 },
  'cover-open': { 1: 0x1a, 2: 0x16, 4: 0x12 },
  offline: { 1: 0x1a, 2: 0x12, 4: 0x12 },
  error: { 1: 0x1a, 2: 0x52, 4: 0x12 },
  unknown: null,
};

export const VIRTUAL_STATE_FILE = 'state.json';

export function readVirtualState(folder: string): PrinterStatus {
  try {
    const raw = JSON.parse(readFileSync(path.join(folder, VIRTUAL_STATE_FILE), 'utf8')) as { status?: string };
    return raw.status && raw.status in STATUS_BYTES ? (raw.status as PrinterStatus) : 'ready';
  } catch {
    return 'ready';
  }
}

export function writeVirtualState(folder: string, status: PrinterStatus): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, VIRTUAL_STATE_FILE), `${JSON.stringify({ status })}\n`);
}

let jobCounter = 0;
const JOB_FILE = /\.(bin|txt|png)$/;

/** Retention: slips carry residents' names, so slips older than `before` are deleted. Returns how many files went. */
export function purgeVirtualOutput(folder: string, before: Date): number {
  if (!existsSync(folder)) return 0;
  let removed = 0;
  for (const name of readdirSync(folder)) {
    if (!JOB_FILE.test(name)) continue;
    const file = path.join(folder, name);
    try {
      if (statSync(file).mtime < before) {
        unlinkSync(file);
        removed += 1;
      }
    } catch {
      // gone already, or not ours to delete: the next purge looks again
    }
  }
  return removed;
}

export function virtualTransport(folder: string, columns: number, widthDots = columns <= 32 ? 384 : 576): PrinterTransport {
  return {
    description: `virtual ${folder}`,
    async open(): Promise<PrinterConnection> {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      if (!existsSync(path.join(folder, VIRTUAL_STATE_FILE))) writeVirtualState(folder, 'ready');
      const status = readVirtualState(folder);
      const pending: number[] = [];
      const job: number[] = [];
      return {
        async write(bytes) {
          if (bytes.length === 3 && bytes[0] === 0x10 && bytes[1] === 0x04) {
            const answer = STATUS_BYTES[status]?.[bytes[2]!];
            if (answer !== undefined) pending.push(answer);
            return;
          }
          // A stopped printer prints nothing; one that never answers prints but never confirms.
          const prints = status === 'ready' || status === 'paper-near-end' || status === 'unknown';
          if (!prints) return;
          job.push(...bytes);
          const marker = bytes.length >= 3 && bytes[bytes.length - 3] === 0x1d && bytes[bytes.length - 2] === 0x72;
          // GS r 1 answers with the paper sensor: bits 0-1 near end.
          if (marker && status !== 'unknown') pending.push(status === 'paper-near-end' ? 0x03 : 0x00);
        },
        async read(count) {
          return pending.length >= count ? Uint8Array.from(pending.splice(0, count)) : null;
        },
        async close() {
          if (job.length === 0) return;
          const bytes = Uint8Array.from(job);
          const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++jobCounter).padStart(4, '0')}`;
          writeFileSync(path.join(folder, `${name}.bin`), bytes, { mode: 0o600 });
          let text: string;
          try {
            const job = interpretEscPos(bytes);
            text = renderJobText(job, columns);
            const font = findPreviewFont();
            if (font) await writeJobPng(job, widthDots, path.join(folder, `${name}.png`), font);
          } catch (error) {
            text = `(cannot render: ${(error as Error).message})\n`;
          }
          writeFileSync(path.join(folder, `${name}.txt`), text, { mode: 0o600 });
        },
      };
    },
  };
}
