import { describe, expect, it } from 'vitest';
import { calls } from '../../src/shared/contract';
import { adminCalls } from '../../src/shared/admin-contract';
import { isLetterId } from '../../src/main/village/issued-letters';

describe("an issued letter's id", () => {
  it('is the same rule for the server list, the resident calls and the admin call: up to 20 digits', () => {
    const id = '12345678901234567890';
    expect(isLetterId(id)).toBe(true);
    expect(calls['letters.print'].input.safeParse({ id }).success).toBe(true);
    expect(calls['letters.file'].input.safeParse({ id }).success).toBe(true);
    expect(adminCalls['admin.letterPrintAllow'].input.safeParse({ letterId: id }).success).toBe(true);
    for (const bad of [`${id}1`, '', '12/../3', '-1', '1.0', ' 1']) {
      expect(isLetterId(bad)).toBe(false);
      expect(calls['letters.print'].input.safeParse({ id: bad }).success).toBe(false);
      expect(adminCalls['admin.letterPrintAllow'].input.safeParse({ letterId: bad }).success).toBe(false);
    }
  });
});
