/**
 * The printer driver: status before each job, the job, and a completion
 * marker after it, over any transport. Honest outcomes only:
 *  - `printed`: the printer answered the marker (GS r 1) after the job;
 *  - `sent-unconfirmed`: the bytes went out but no answer came (some firmware
 *    never answers, or it jammed): never reported as printed;
 *  - `not-printed`: the printer said it cannot (paper out, cover open, ...),
 *    or could not be reached; with the status as far as it is known;
 *  - `interrupted`: the connection broke while the job was going out.
 */
import type { PrinterStatus } from '../../shared/device-status';
import type { PrinterProfile } from './profiles';
import { decodePrinterStatus, STATUS_QUERIES, statusRequest, type StatusReplies } from './status-bytes';
import type { PrinterConnection, PrinterTransport } from './transports/connection';

export type PrintOutcome =
  | { kind: 'printed' }
  | { kind: 'sent-unconfirmed' }
  | { kind: 'not-printed'; status: PrinterStatus; reason: string }
  /** The connection failed while the job was being sent: it may be cut short. */
  | { kind: 'interrupted'; reason: string };

export interface PrinterDriver {
  status(): Promise<PrinterStatus>;
  print(job: Uint8Array): Promise<PrintOutcome>;
}

export interface DriverTimeouts {
  /** Per status byte (DLE EOT answers at once on a healthy printer). */
  statusMs: number;
  /** For the completion marker after a job (printing takes a few seconds). */
  completionMs: number;
}

const COMPLETION_MARKER = Uint8Array.of(0x1d, 0x72, 0x01); // GS r 1
const STRAY_REPLY_MS = 30;
const PRINTABLE: ReadonlySet<PrinterStatus> = new Set(['ready', 'paper-near-end']);

export function createPrinterDriver(
  transport: PrinterTransport,
  profile: PrinterProfile,
  timeouts: DriverTimeouts = { statusMs: 1500, completionMs: 15000 },
): PrinterDriver {
  async function queryStatus(connection: PrinterConnection): Promise<PrinterStatus> {
    const replies: StatusReplies = {};
    for (const query of STATUS_QUERIES) {
      await connection.write(statusRequest(query));
      const reply = await connection.read(1, timeouts.statusMs);
      if (reply === null) return 'unknown';
      replies[query] = reply[0];
    }
    return decodePrinterStatus(replies);
  }

  async function withConnection<T>(use: (c: PrinterConnection) => Promise<T>, onError: (error: Error) => T): Promise<T> {
    let connection: PrinterConnection | null = null;
    try {
      connection = await transport.open();
      return await use(connection);
    } catch (error) {
      return onError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      await connection?.close().catch(() => {});
    }
  }

  return {
    status() {
      if (!profile.answersStatus) return Promise.resolve('unknown');
      return withConnection(queryStatus, () => 'offline');
    },
    print(job) {
      let jobStarted = false;
      return withConnection<PrintOutcome>(
        async (connection) => {
          if (profile.answersStatus) {
            const status = await queryStatus(connection);
            if (!PRINTABLE.has(status) && status !== 'unknown') {
              return { kind: 'not-printed', status, reason: `printer reports ${status}` };
            }
          }
          jobStarted = true;
          await connection.write(job);
          if (!profile.answersStatus) return { kind: 'sent-unconfirmed' };
          // Raster data can happen to contain DLE EOT n, which printers answer at
          // once: drop such stray replies so they are not taken for the marker's.
          while ((await connection.read(1, STRAY_REPLY_MS)) !== null) {
            // discard
          }
          await connection.write(COMPLETION_MARKER);
          const done = await connection.read(1, timeouts.completionMs);
          return done === null ? { kind: 'sent-unconfirmed' } : { kind: 'printed' };
        },
        (error) =>
          jobStarted
            ? { kind: 'interrupted', reason: error.message }
            : { kind: 'not-printed', status: 'offline', reason: error.message },
      );
    },
  };
}
