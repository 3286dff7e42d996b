// The composition root wires and nothing else (docs/architecture.md "Core"): it stays a list a person reads top to
// bottom, with no SQL, no timers and no dispatcher of its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const core = readFileSync('src/main/core.ts', 'utf8');

/** What a composition root must not hold, with the module that holds it instead. */
export function rootProblems(source: string): string[] {
  const problems: string[] = [];
  if (source.split('\n').length >= 200) problems.push('200 lines or more');
  if (/\.prepare\(|\b(SELECT|INSERT|UPDATE|DELETE)\s+\w/.test(source)) problems.push('SQL (its store owns it)');
  if (/\bset(Interval|Timeout)\(/.test(source)) problems.push('a timer (the module whose work it times owns it)');
  if (/\.safeParse\(/.test(source)) problems.push('a dispatcher body (dispatcher.ts)');
  if (/changedConfigPaths|mergeConfigChanges|saveConfigChanges/.test(source)) problems.push('configuration diffing (config/running-config.ts)');
  if (/purgePersonalData|dropStaleSecrets/.test(source)) problems.push('retention (retention.ts)');
  return problems;
}

describe('the composition root', () => {
  it('holds no SQL, timer, dispatcher, configuration diffing or retention, in under 200 lines', () => {
    expect(rootProblems(core)).toEqual([]);
  });

  it('would be caught holding any of them', () => {
    const fat = `${core}\n${'// more\n'.repeat(200)}const q = db.prepare('SELECT id FROM audit_log');\nsetInterval(purge, 1000);\n` +
      'calls[name].input.safeParse(input);\nmergeConfigChanges(a, b, c);\noutbox.purgePersonalData(before);\n';
    expect(rootProblems(fat)).toHaveLength(6);
  });
});
