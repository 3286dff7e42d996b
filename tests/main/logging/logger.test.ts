import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/main/logging/logger';
import { redactValue } from '../../../src/main/logging/redact';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const NIK = '3201011501900001';
const PIN = '246810';

describe('logging', () => {
  it('writes JSON lines by subsystem, with NIKs masked and PINs never written', async () => {
    const logger = createLogger({ dataDir: tempDir() });
    const log = logger.forSubsystem('session');
    log.info({ nik: NIK, pin: PIN, credential: NIK, password: PIN }, 'login attempt');
    log.info(`free text mentioning ${NIK}`);
    log.warn({ request: { form: { nik: NIK, note: `NIK ${NIK}` }, auth: { token: 'eyJhbGciOi.secret' } } }, 'nested');
    log.error({ err: new Error(`bad NIK ${NIK}`) }, 'failure');
    await logger.close();

    const text = readFileSync(logger.file, 'utf8');
    expect(text).not.toContain(NIK);
    expect(text).not.toContain(PIN);
    expect(text).not.toContain('eyJhbGciOi');
    expect(text).toContain('320101******0001');

    const records = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.subsystem === 'session')).toBe(true);
    expect(records[0]).toMatchObject({ level: 'info', msg: 'login attempt', nik: '320101******0001' });
    expect(records[1].msg).toBe('free text mentioning 320101******0001');
    expect(records[2].request.form.note).toBe('NIK 320101******0001');
    expect(records[3].err.message).toBe('bad NIK 320101******0001');
  });

  it("keeps an error's class, code and the error it wraps, with NIKs masked in each", async () => {
    const logger = createLogger({ dataDir: tempDir() });
    const cause = Object.assign(new Error(`no row for ${NIK}`), { code: 'SQLITE_CORRUPT', row: { nik: NIK, pin: PIN } });
    class StoreError extends Error {
      override name = 'StoreError';
    }
    logger.forSubsystem('core').error({ err: new StoreError('reading the outbox failed', { cause }) }, 'call failed');
    await logger.close();
    const text = readFileSync(logger.file, 'utf8');
    expect(text).not.toContain(NIK);
    expect(text).not.toContain(PIN);
    expect(JSON.parse(text).err).toMatchObject({
      type: 'StoreError',
      message: 'reading the outbox failed',
      cause: { type: 'Error', code: 'SQLITE_CORRUPT', message: 'no row for 320101******0001' },
    });
  });

  it('respects the level', async () => {
    const logger = createLogger({ dataDir: tempDir(), level: 'warn' });
    logger.forSubsystem('x').info('quiet');
    logger.forSubsystem('x').warn('loud');
    await logger.close();
    const text = readFileSync(logger.file, 'utf8');
    expect(text).not.toContain('quiet');
    expect(text).toContain('loud');
  });
});

describe('redactValue', () => {
  it('drops every secret-looking key, at any depth', () => {
    expect(redactValue({ a: { b: [{ pin: '1', newPin: '2', Authorization: 'Bearer x' }] } })).toEqual({
      a: { b: [{ pin: '[disembunyikan]', newPin: '[disembunyikan]', Authorization: '[disembunyikan]' }] },
    });
  });

  it('keeps the process running when the log file cannot be written (disk full, folder gone)', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'logs', 'adm.log'), { recursive: true }); // the file cannot be opened
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const logger = createLogger({ dataDir: dir });
      logger.forSubsystem('core').info('first line');
      logger.forSubsystem('core').info('second line');
      await vi.waitFor(() => expect(stderr.mock.calls.some((c) => String(c[0]).includes('log file cannot be written'))).toBe(true));
      logger.forSubsystem('core').error('still no throw');
    } finally {
      stderr.mockRestore();
    }
  });
});
