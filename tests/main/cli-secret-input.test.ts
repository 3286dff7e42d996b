import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalSecrets } from '../../src/main/cli-secret-input';

/** Standard input as a pipe, or as a terminal that records raw mode; what is written to it is what was "typed". */
function stdin(tty: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (raw: boolean) => void; raw: boolean[] };
  stream.raw = [];
  if (tty) {
    stream.isTTY = true;
    stream.setRawMode = (raw: boolean) => void stream.raw.push(raw);
  }
  return stream;
}

function stderr() {
  let text = '';
  const stream = new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('reading the admin PIN for adm admin set-pin', () => {
  it.each([
    ['one line', '482916\n', { pin: '482916' }],
    ['a Windows line end and spaces', '  482916 \r\n', { pin: '482916' }],
    ['two lines (only the first counts)', '482916\n590317\n', { pin: '482916' }],
    ['nothing', '', { problem: 'none' }],
    ['an empty line', '\n', { problem: 'none' }],
  ])('from a pipe: %s', async (_name, piped, expected) => {
    const input = stdin(false);
    const reading = terminalSecrets(input as unknown as NodeJS.ReadStream, stderr().stream).newPin();
    input.end(piped);
    expect(await reading).toEqual(expected);
  });

  it('reads no more than a kilobyte of a long pipe (50 MB of digits is not kept in memory)', async () => {
    const input = stdin(false);
    const reading = terminalSecrets(input as unknown as NodeJS.ReadStream, stderr().stream).newPin();
    input.write('4'.repeat(4096));
    // Not ended: the reader stops by itself at its limit.
    expect(await reading).toEqual({ pin: '4'.repeat(1024) });
  });

  it('from a pipe left open after the line (ssh without -t): the line is enough', async () => {
    const input = stdin(false);
    const reading = terminalSecrets(input as unknown as NodeJS.ReadStream, stderr().stream).newPin();
    input.write('918273\n');
    expect(await reading).toEqual({ pin: '918273' });
  });

  it.each([
    ['CR and LF arriving apart', ['482916\r', '\n482916\r', '\n'], { pin: '482916' }],
    ['typed twice, with a Backspace', ['48291x\u007f6\r', '482916\r'], { pin: '482916' }],
    ['pasted as two lines at once', ['482916\r482916\r'], { pin: '482916' }],
    ['two that differ', ['482916\r', '590317\r'], { problem: 'mismatch' }],
    ['Ctrl+C at the first prompt (no second prompt)', ['\u0003'], { problem: 'cancelled' }],
    ['Enter alone', ['\r'], { problem: 'none' }],
  ])('from a terminal, never echoed: %s', async (_name, typed, expected) => {
    const input = stdin(true);
    const out = stderr();
    const reading = terminalSecrets(input as unknown as NodeJS.ReadStream, out.stream).newPin();
    for (const keys of typed) input.write(keys);
    expect(await reading).toEqual(expected);
    expect(out.text()).not.toMatch(/\d/);
    expect(input.raw).toEqual([true, false]);
    if (_name.startsWith('Ctrl+C')) expect(out.text()).not.toContain('Type it again');
  });
});
