/**
 * An outbox over a real SQLite file, a real demo village server over HTTP,
 * and one clock shared by both that tests can move forward.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/main/db/database';
import { createSilentLogger } from '../../src/main/logging/logger';
import { createOutboxStore, type NewLetterRequest, type OutboxStore, type RequestSecret } from '../../src/main/outbox/outbox-store';
import { createSecretBox } from '../../src/main/outbox/secret-box';
import { createSyncWorker, type SyncSettings, type SyncWorker } from '../../src/main/outbox/sync-worker';
import { createOpensidClient } from '../../src/main/village/opensid-client';
import { startOpensidSim, type OpensidSim } from '../../tools/opensid-sim/server';
import { LETTERS, RESIDENTS } from '../../tools/opensid-sim/seed';
import type { SimFaults } from '../../tools/opensid-sim/faults';

export const TEST_SYNC_SETTINGS: SyncSettings = {
  baseDelaySeconds: 1,
  maxDelaySeconds: 60,
  pollSeconds: 1,
  pinMaxAgeHours: 72,
  doubtGraceSeconds: 5,
  submitTimeoutSeconds: 1,
};

export interface OutboxRig {
  sim: OpensidSim;
  db: Database;
  store: OutboxStore;
  worker: SyncWorker;
  settings: SyncSettings;
  advance(ms: number): void;
  now(): Date;
  close(): Promise<void>;
}

export async function createOutboxRig(dataDir: string, faults: Partial<SimFaults> = {}): Promise<OutboxRig> {
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const sim = await startOpensidSim({ now, faults });
  const db = openDatabase(path.join(dataDir, 'adm.sqlite'), createSilentLogger().root);
  const store = createOutboxStore(db, createSecretBox(randomBytes(32)), now);
  const settings = { ...TEST_SYNC_SETTINGS };
  const client = createOpensidClient({ baseUrl: sim.url, readTimeoutMs: 1000, submitTimeoutMs: settings.submitTimeoutSeconds * 1000 });
  const worker = createSyncWorker({ store, server: () => ({ client, target: RIG_TARGET }), settings: () => settings, log: createSilentLogger().root, clock: now, random: () => 1 });
  return {
    sim,
    db,
    store,
    worker,
    settings,
    now,
    advance(ms) {
      offsetMs += ms;
    },
    async close() {
      await worker.stop();
      db.close();
      await sim.close();
    },
  };
}

/** The rig's requests are made for, and sent to, this server identity. */
export const RIG_TARGET = 'http://rig.test';

export const BUDI = RESIDENTS[0]!;
export const SITI = RESIDENTS[1]!;
export const KETERANGAN_PENDUDUK = LETTERS.find((l) => l.kode === 'S-02')!;

let counter = 0;
export function newRequest(overrides: Partial<NewLetterRequest> = {}, resident = BUDI): NewLetterRequest {
  counter += 1;
  return {
    reference: `ADM01-TEST-${String(counter).padStart(5, '0')}-${randomBytes(2).toString('hex')}`,
    kioskName: 'ADM-01',
    letterId: KETERANGAN_PENDUDUK.id,
    letterSlug: KETERANGAN_PENDUDUK.slug,
    letterName: KETERANGAN_PENDUDUK.nama,
    residentNik: resident.nik,
    residentName: resident.nama,
    answers: { keperluan: 'Melamar kerja' },
    requirements: { 2: '-1', 3: '-1' },
    phone: resident.noTelepon ?? '080000000000',
    note: null,
    verified: false,
    serverTarget: RIG_TARGET,
    ...overrides,
  };
}

export function pinOf(resident = BUDI): RequestSecret {
  return { kind: 'pin', pin: resident.pin };
}
