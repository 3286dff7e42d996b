/**
 * `adm admin set-pin`: the admin PIN set on the kiosk PC itself, for a kiosk
 * in service that has none, and the documented reset when it was forgotten
 * (it also opens the PIN lock). Only the data directory's owner may: that is
 * the kiosk's own user, who reaches the PC's keyboard or its shell, never a
 * page on the kiosk's screen. Audited with the system user who ran it.
 */
import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isStrongAdminPin } from '../../shared/admin-pin';
import { databasePath } from '../db/database';
import { cardHintKey } from '../input/card-hints';
import type { Database } from '../db/database';
import { createAdminAuth } from './admin-auth';

export type SetPinOutcome = { ok: true; replaced: boolean } | { ok: false; reason: 'weak' };

/**
 * Why this process must not open the kiosk's data directory, or null when it may: it belongs to another user
 * (root's files in it would lock the kiosk's own user out of its database and logs). Every `adm` command asks.
 */
export function foreignOwnerRefusal(dataDir: string, uid: number | null = process.getuid?.() ?? null): string | null {
  if (uid === null || !existsSync(dataDir)) return null; // Windows: the folder's ACL already keeps other users out
  const owner = statSync(dataDir).uid;
  if (owner === uid) return null;
  return `${dataDir} belongs to another user (uid ${owner}); run adm as that user, e.g. sudo -u '#${owner}' adm ...`;
}

/** A PIN is set only for a kiosk that exists: run as the wrong user, the data directory would be a new, empty one. */
export function noKioskRefusal(dataDir: string): string | null {
  if (existsSync(databasePath(dataDir))) return null;
  return `no kiosk data in ${dataDir}: run this as the kiosk's user, or set ADM_DATA_DIR to the kiosk's data directory`;
}

export async function setAdminPinOnPc(
  kiosk: { db: Database; dataDir: string; audit(actor: string, action: string, detail?: unknown): void },
  pin: string,
): Promise<SetPinOutcome> {
  if (!isStrongAdminPin(pin)) return { ok: false, reason: 'weak' };
  const auth = createAdminAuth(kiosk.db, cardHintKey(kiosk.dataDir));
  const replaced = auth.pinSet();
  await auth.setPin(pin);
  kiosk.audit(`pc:${systemUser()}`, 'admin.pin.set', { via: 'adm', replaced });
  return { ok: true, replaced };
}

function systemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
