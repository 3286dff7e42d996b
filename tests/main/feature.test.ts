// The contexts features are handed: resident features cannot reach the admin services. These are type checks
// (`npx tsc -b` fails when one breaks), with a runtime list beside them so the test also counts.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AdminContext, KioskServices, ResidentContext } from '../../src/main/feature';
import type { RequestsContext } from '../../src/main/features/requests';
import type { ResidentSessionContext } from '../../src/main/features/resident-session';
import type { ReaderInputContext } from '../../src/main/features/reader-input';

const ADMIN_ONLY = ['handleAdmin', 'call', 'adminAuth', 'adminSessions', 'recentAudit'] as const;
type AdminOnly = (typeof ADMIN_ONLY)[number];

describe('feature contexts', () => {
  it('hand resident features nothing of the admin half', () => {
    expectTypeOf<Extract<keyof ResidentContext, AdminOnly>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<keyof RequestsContext | keyof ResidentSessionContext | keyof ReaderInputContext, AdminOnly>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<keyof KioskServices, AdminOnly>>().toEqualTypeOf<never>();
    expectTypeOf<AdminOnly>().toExtend<keyof AdminContext>();
    expect(ADMIN_ONLY).toHaveLength(5);
  });

  it('hand no feature the database', () => {
    expectTypeOf<Extract<keyof AdminContext | keyof ResidentContext, 'db'>>().toEqualTypeOf<never>();
  });
});
