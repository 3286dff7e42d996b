/**
 * Logging by subsystem: one pino logger writing JSON lines to a size-rotated
 * file in `<data dir>/logs/`, with `subsystem` on every record so a technician
 * can grep one part of the kiosk. Every record passes through `redactValue`.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { maskNiksInText } from '../../shared/nik';
import { redactValue } from './redact';

export type { Logger };
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  dataDir: string;
  level?: LogLevel;
  /** Rotate when the file reaches this size (MiB). */
  maxFileSizeMb?: number;
  /** How many rotated files to keep. */
  keepFiles?: number;
  /** Also copy records to stderr (the web host and CLI do, tests do not). */
  echo?: boolean;
}

export interface KioskLogger {
  root: Logger;
  forSubsystem(subsystem: string): Logger;
  file: string;
  close(): Promise<void>;
}

export const LOG_FILE_NAME = 'adm.log';

export function createLogger(options: LoggerOptions): KioskLogger {
  const dir = path.join(options.dataDir, 'logs');
  const fileStream: RotatingFileStream = createStream(LOG_FILE_NAME, {
    path: dir,
    size: `${options.maxFileSizeMb ?? 5}M`,
    maxFiles: options.keepFiles ?? 5,
    mode: 0o600,
  });
  // A full disk or a vanished folder must never end the kiosk: the log is
  // written on a best-effort basis, and the trouble is said once on stderr.
  let writeTrouble: string | null = null;
  fileStream.on('error', (error: Error) => {
    if (writeTrouble === error.message) return;
    writeTrouble = error.message;
    process.stderr.write(`ADM log file cannot be written (${error.message}); the kiosk keeps running\n`);
  });
  // The logger's own level decides what is written (and follows config changes);
  // a stream without a level of its own would keep only 'info' and above, so
  // `logging.level: "debug"` would write no debug line at all.
  const streams: pino.StreamEntry[] = [{ level: 'trace', stream: fileStream }];
  if (options.echo) streams.push({ level: 'trace', stream: process.stderr });

  const root = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // `redactValue` (the log formatter below) has already made errors plain records with their
      // class and code; pino's own error serializer runs after it and would rename them "Object".
      serializers: { err: (value: unknown) => value },
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => redactValue(record) as Record<string, unknown>,
      },
      hooks: {
        // Messages are free text: mask any NIK typed into them.
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskNiksInText(arg) : arg));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );

  return {
    root,
    file: path.join(dir, LOG_FILE_NAME),
    forSubsystem: (subsystem) => root.child({ subsystem }),
    close: () =>
      new Promise<void>((resolve) => {
        root.flush();
        fileStream.end(() => resolve());
      }),
  };
}

/** For tests and tools that want no output. */
export function createSilentLogger(): KioskLogger {
  const root = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));
  return { root, file: '', forSubsystem: (subsystem) => root.child({ subsystem }), close: async () => {} };
}
