/**
 * A fake network printer on 127.0.0.1 (ephemeral port) that records the bytes
 * it receives and answers status requests from a script, like the cheap
 * ESC/POS printers the kiosk meets: DLE EOT n before the job (answered at
 * once with one byte), GS r 1 after it (answered once the job is "printed").
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type FakePrinterScript =
  | {
      kind: 'answers';
      status: { 1: number; 2: number; 4: number };
      completion: boolean;
      /** The GS r 1 reply (paper sensor; bit 4 clear). Default 0x00: paper fine. */
      completionReply?: number;
      /** A status reply that arrives late, after the job, before (or instead of) the completion reply. */
      lateStatusReply?: number;
    }
  | { kind: 'silent' }
  | { kind: 'reset-mid-job'; status: { 1: number; 2: number; 4: number }; afterJobBytes: number };

export const STATUS = {
  ready: { 1: 0x12, 2: 0x12, 4: 0x12 },
  nearEnd: { 1: 0x12, 2: 0x12, 4: 0x1e },
  paperOut: { 1: 0x1a, 2: 0x32, 4: 0x72 },
  coverOpen: { 1: 0x1a, 2: 0x16, 4: 0x12 },
} as const;

export interface FakeTcpPrinter {
  port: number;
  /** Every job's bytes after the status queries (one entry per connection). */
  jobs: Buffer[];
  connections: number;
  script: FakePrinterScript;
  close(): Promise<void>;
}

export async function startFakeTcpPrinter(script: FakePrinterScript): Promise<FakeTcpPrinter> {
  const sockets = new Set<Socket>();
  const fake: FakeTcpPrinter = { port: 0, jobs: [], connections: 0, script, close: async () => {} };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    fake.connections += 1;
    let inJob = false;
    let pending = Buffer.alloc(0);
    let job = Buffer.alloc(0);
    const jobIndex = fake.jobs.push(job) - 1;
    socket.on('data', (chunk) => {
      const s = fake.script;
      pending = Buffer.concat([pending, chunk]);
      // Before the job: answer DLE EOT n (10 04 n) queries one by one.
      while (!inJob && pending.length >= 3 && pending[0] === 0x10 && pending[1] === 0x04) {
        const n = pending[2] as 1 | 2 | 4;
        if (s.kind !== 'silent') socket.write(Buffer.of(s.status[n]));
        pending = pending.subarray(3);
      }
      if (!inJob && pending.length > 0 && pending[0] !== 0x10) inJob = true;
      if (!inJob) return;
      job = Buffer.concat([job, pending]);
      fake.jobs[jobIndex] = job;
      pending = Buffer.alloc(0);
      if (s.kind === 'reset-mid-job' && job.length >= s.afterJobBytes) {
        socket.resetAndDestroy();
        return;
      }
      // After the job: GS r 1 asks for the paper sensor once printing is done.
      if (s.kind === 'answers' && job.subarray(-3).equals(Buffer.of(0x1d, 0x72, 0x01))) {
        if (s.lateStatusReply !== undefined) socket.write(Buffer.of(s.lateStatusReply));
        if (s.completion) socket.write(Buffer.of(s.completionReply ?? 0x00));
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}
