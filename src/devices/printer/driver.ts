/**
 * The printer driver: status before each job, the job, and a completion
 * marker after it, over any transport. Honest outcomes only:
 *  - `printed`: the printer answered the marker (GS r 1) after the job, with
 *    what it said about the paper then (near end, or even out after this job);
 *  - `sent-unconfirmed`: the bytes went out but no answer came (some firmware
 *    never answers, or it jammed), or the device answered the status
 *    questions with bytes that are no status replies (a terminal's echo,
 *    /dev/zero's zeros, another protocol), so its "answer" to the marker
 *    would mean nothing either: never reported as printed;
 *  - `not-printed`: the printer said it cannot (paper out, cover open, ...),
 *    or could not be reached; with the status as far as it is known (`error`
 *    when the configured device path is not a device at all);
 *  - `interrupted`: the connection broke while the job was going out.
 */
import type { PrinterStatus } from '../../shared/device-status';
import { NotADeviceError } from '../character-device';
import type { PrinterProfile } from './profiles';
import {
  COMPLETION_REQUEST,
  decodeCompletionReply,
  decodePrinterStatus,
  isStatusByte,
  STATUS_QUERIES,
  statusRequest,
  type StatusReplies,
} from './status-bytes';
import type { PrinterConnection, PrinterTransport } from './transports/connection';

export type PrintOutcome =
  | { kind: 'printed'; status: Extract<PrinterStatus, 'ready' | 'paper-near-end' | 'paper-out'> }
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

const PRINTABLE: ReadonlySet<PrinterStatus> = new Set(['ready', 'paper-near-end']);

/** Not opened: a path that is no device is a setting to fix (`error`); anything else, a printer away (`offline`). */
function unreachable(error: Error): PrinterStatus {
  return error instanceof NotADeviceError ? 'error' : 'offline';
}

export function createPrinterDriver(
  transport: PrinterTransport,
  profile: PrinterProfile,
  timeouts: DriverTimeouts = { statusMs: 1500, completionMs: 15000 },
): PrinterDriver {
  /** The status, and whether the device's replies were status bytes at all (`none`: silence). */
  async function queryStatus(connection: PrinterConnection): Promise<{ status: PrinterStatus; replies: 'status' | 'none' | 'not-status' }> {
    const replies: StatusReplies = {};
    for (const query of STATUS_QUERIES) {
      await connection.write(statusRequest(query));
      const reply = await connection.read(1, timeouts.statusMs);
      if (reply === null) return { status: 'unknown', replies: 'none' };
      if (!isStatusByte(reply[0]!)) return { status: 'unknown', replies: 'not-status' };
      replies[query] = reply[0];
    }
    return { status: decodePrinterStatus(replies), replies: 'status' };
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

  /**
   * Waits for the GS r 1 reply. Anything with a DLE EOT reply's fixed bits is
   * a stray (raster data can contain 10 04 n, which printers answer at once,
   * and a slow printer's status reply can arrive late): skipped, whenever it
   * comes. No reply before the deadline: null, never "printed".
   */
  async function completionReply(connection: PrinterConnection, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const reply = await connection.read(1, left);
      if (reply === null) return null;
      const paper = decodeCompletionReply(reply[0]!);
      if (paper !== null) return paper;
    }
  }

  return {
    status() {
      if (!profile.answersStatus) return Promise.resolve('unknown');
      return withConnection(async (connection) => (await queryStatus(connection)).status, unreachable);
    },
    print(job) {
      let jobStarted = false;
      return withConnection<PrintOutcome>(
        async (connection) => {
          let believable = profile.answersStatus;
          if (profile.answersStatus) {
            const { status, replies } = await queryStatus(connection);
            if (!PRINTABLE.has(status) && status !== 'unknown') {
              return { kind: 'not-printed', status, reason: `printer reports ${status}` };
            }
            believable = replies !== 'not-status';
          }
          jobStarted = true;
          await connection.write(job);
          if (!believable) return { kind: 'sent-unconfirmed' };
          await connection.write(COMPLETION_REQUEST);
          const paper = await completionReply(connection, timeouts.completionMs);
          return paper === null ? { kind: 'sent-unconfirmed' } : { kind: 'printed', status: paper };
        },
        (error) =>
          jobStarted
            ? { kind: 'interrupted', reason: error.message }
            : { kind: 'not-printed', status: unreachable(error), reason: error.message },
      );
    },
  };
}
