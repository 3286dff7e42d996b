import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/database';
import { createAuditLog } from '../../../src/main/logging/audit-log';
import { createSilentLogger } from '../../../src/main/logging/logger';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('audit log', () => {
  it('keeps what was done, by whom, with its detail as JSON, and lists it newest first', () => {
    const db = openDatabase(path.join(tempDir(), 'adm.sqlite'), createSilentLogger().root);
    const audit = createAuditLog(db);
    audit.record('pin', 'config.saved', { fields: ['kiosk.name'] });
    audit.record('system', 'app.dailyRestart');
    audit.record('card:Teknisi', 'outbox.held', { reference: 'ADM-7K3M9Q' });

    const entries = audit.recent(2);
    expect(entries.map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
      { actor: 'card:Teknisi', action: 'outbox.held', detail: '{"reference":"ADM-7K3M9Q"}' },
      { actor: 'system', action: 'app.dailyRestart', detail: null },
    ]);
    expect(entries[0]!.at).toMatch(/^\d{4}-\d\d-\d\d/);
    expect(audit.recent(10)).toHaveLength(3);
    db.close();
  });
});
