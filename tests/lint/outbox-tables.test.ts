// Proves that only the outbox (and the migrations that made its tables) names the letter request's tables.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const TABLES = /letter_request|request_secret/i;
const OWNERS = ['src/main/outbox/', 'src/main/db/migrations/'];

interface SourceFile {
  /** Relative to the repository, with forward slashes. */
  path: string;
  text: string;
}

/** Each file outside the owners that names one of the tables, with the first line that does. */
function tableViolations(files: readonly SourceFile[]): string[] {
  return files.flatMap((file) => {
    if (OWNERS.some((owner) => file.path.startsWith(owner))) return [];
    const lines = file.text.split('\n');
    const at = lines.findIndex((line) => TABLES.test(line));
    return at === -1 ? [] : [`${file.path}:${at + 1}: ${lines[at]!.trim()}`];
  });
}

/** Every file under src/, whatever its kind: SQL may hide in a string of any file. */
function sourceFiles(root = 'src'): SourceFile[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { path: file.split(path.sep).join('/'), text: readFileSync(file, 'utf8') };
    });
}

describe('the outbox owns its tables', () => {
  it('no file under src/ outside src/main/outbox/ (migrations aside) names letter_request or request_secret', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'src/main/outbox/outbox-store.ts' && TABLES.test(f.text))).toBe(true); // the scan reads the owner too
    expect(tableViolations(files)).toEqual([]);
  });

  it('fails on a file elsewhere that names either table, in any case, even inside a longer name', () => {
    const files: SourceFile[] = [
      { path: 'src/main/printing/printing-service.ts', text: "const x = 1;\ndb.prepare('UPDATE letter_request SET queue_number = ?');\n" },
      { path: 'src/main/features/requests.ts', text: '/UNIQUE constraint failed: LETTER_REQUEST.reference/' },
      { path: 'src/main/core.ts', text: 'DELETE FROM request_secret' },
      { path: 'src/main/db/database.ts', text: '// missing from `letter_request_due`' },
      { path: 'src/renderer/x.tsx', text: 'const letterRequest = null; // no table named' },
    ];
    expect(tableViolations(files)).toEqual([
      "src/main/printing/printing-service.ts:2: db.prepare('UPDATE letter_request SET queue_number = ?');",
      'src/main/features/requests.ts:1: /UNIQUE constraint failed: LETTER_REQUEST.reference/',
      'src/main/core.ts:1: DELETE FROM request_secret',
      'src/main/db/database.ts:1: // missing from `letter_request_due`',
    ]);
  });

  it('lets the outbox and the migrations name them', () => {
    expect(
      tableViolations([
        { path: 'src/main/outbox/outbox-store.ts', text: 'SELECT * FROM letter_request' },
        { path: 'src/main/db/migrations/002-letter-requests.ts', text: 'CREATE TABLE request_secret (' },
      ]),
    ).toEqual([]);
  });
});
