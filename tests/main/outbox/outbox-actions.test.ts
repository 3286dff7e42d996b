import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/database';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { createOutboxDesk, HELD_BY_TECHNICIAN } from '../../../src/main/outbox/outbox-actions';
import { createOutboxStore } from '../../../src/main/outbox/outbox-store';
import { createSecretBox } from '../../../src/main/outbox/secret-box';
import { BUDI, newRequest, pinOf, RIG_TARGET } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

function deskOver(target: string | null = RIG_TARGET) {
  const db = openDatabase(path.join(tempDir(), 'adm.sqlite'), createSilentLogger().root);
  const store = createOutboxStore(db, createSecretBox(randomBytes(32)));
  const audited: Array<[string, string, unknown]> = [];
  let wakes = 0;
  const desk = createOutboxDesk({
    store,
    serverTarget: () => target,
    audit: (actor, action, detail) => audited.push([actor, action, detail]),
    wake: () => (wakes += 1),
    clock: () => new Date('2026-03-02T03:00:00Z'),
  });
  return { db, store, desk, audited, wakes: () => wakes };
}

describe('the outbox desk', () => {
  it('shows a request with its NIK masked, never its PIN or answers', () => {
    const { db, store, desk } = deskOver();
    const made = store.enqueue(newRequest(), pinOf());
    const row = desk.row(made.reference)!;
    expect(row).toMatchObject({ reference: made.reference, resident: '320101******0001', state: 'pending', canPark: true, canRetry: true, retry: 'allowed' });
    const text = JSON.stringify(row);
    expect(text).not.toContain(BUDI.pin);
    expect(text).not.toContain('Melamar kerja');
    db.close();
  });

  it('holds and releases a request, auditing each with who did it, and wakes the worker on release', () => {
    const { db, store, desk, audited, wakes } = deskOver();
    const { reference } = store.enqueue(newRequest(), pinOf());
    expect(desk.hold(reference, 'technician')).toBe(true);
    expect(store.byReference(reference)).toMatchObject({ syncState: 'parked', lastError: HELD_BY_TECHNICIAN });
    expect(desk.hold(reference, 'technician')).toBe(false); // held already
    expect(desk.retry(reference, 'pin')).toBe('allowed');
    expect(store.byReference(reference)?.syncState).toBe('pending');
    expect(wakes()).toBe(1);
    expect(audited).toEqual([
      ['technician', 'outbox.park', { reference }],
      ['pin', 'outbox.retry', { reference }],
    ]);
    db.close();
  });

  it('says why a request cannot be sent again, and audits nothing then', () => {
    const { db, store, desk, audited, wakes } = deskOver();
    const refused = store.enqueue(newRequest(), pinOf());
    store.park(refused.id, 'Ditolak server desa: x'); // the secret goes with it
    expect(desk.retry(refused.reference, 'technician')).toBe('request-again');
    expect(desk.retry('KIOSK-NONE', 'technician')).toBe('unknown');
    expect(audited).toEqual([]);
    expect(wakes()).toBe(0);
    db.close();
  });

  it('sends a request made for another server to the configured one only when asked, and needs a configured one', () => {
    const elsewhere = deskOver();
    const { reference } = elsewhere.store.enqueue(newRequest({ serverTarget: 'demo' }), pinOf());
    expect(elsewhere.desk.row(reference)).toMatchObject({ heldForOtherServer: true, retry: 'other-server' });
    expect(elsewhere.desk.retarget(reference, 'technician')).toBe(true);
    expect(elsewhere.store.byReference(reference)?.serverTarget).toBe(RIG_TARGET);
    expect(elsewhere.audited).toEqual([['technician', 'outbox.retarget', { reference, target: RIG_TARGET }]]);
    elsewhere.db.close();

    const none = deskOver(null);
    const made = none.store.enqueue(newRequest({ serverTarget: 'demo' }), pinOf());
    expect(none.desk.retarget(made.reference, 'technician')).toBe(false);
    expect(none.audited).toEqual([]);
    none.db.close();
  });

  it('adopts only one of a parked request\'s candidates, audited', () => {
    const { db, store, desk, audited } = deskOver();
    const made = store.enqueue(newRequest(), pinOf());
    store.park(made.id, 'ambiguous', { keepSecret: true, candidates: [11, 12] });
    expect(desk.adopt(made.reference, 13, 'pin')).toBe(false);
    expect(desk.adopt(made.reference, 12, 'pin')).toBe(true);
    expect(desk.row(made.reference)).toMatchObject({ state: 'synced', serverId: 12 });
    expect(audited).toEqual([['pin', 'outbox.adopt', { reference: made.reference, serverId: 12 }]]);
    db.close();
  });

  it('exports the rows it shows, as JSON or a spreadsheet-safe CSV, audited with the count', () => {
    const { db, store, desk, audited } = deskOver();
    store.enqueue(newRequest({ letterName: '=HYPERLINK("x")' }), pinOf());
    const json = desk.export('all', 'json', 'pin');
    expect(json).toMatchObject({ fileName: 'adm-permohonan-2026-03-02.json', mimeType: 'application/json' });
    expect(JSON.parse(json.text)).toEqual(desk.list('all'));
    const csv = desk.export('pending', 'csv', 'pin');
    expect(csv.fileName).toBe('adm-permohonan-2026-03-02.csv');
    expect(csv.text.split('\n')[0]).toBe('"reference","createdAt","letterName","resident","state","serverId","serverStatus","attempts","lastError"');
    expect(csv.text).not.toMatch(/,=HYPERLINK/);
    expect(audited).toEqual([
      ['pin', 'outbox.export', { state: 'all', format: 'json', rows: 1 }],
      ['pin', 'outbox.export', { state: 'pending', format: 'csv', rows: 1 }],
    ]);
    db.close();
  });
});
