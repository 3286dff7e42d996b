/**
 * How `adm admin set-pin` reads a PIN: typed twice on a terminal without
 * being shown, or one line from standard input (`printf '%s\n' "$PIN" | adm
 * admin set-pin`) for scripts. Never from the command line, where every
 * local user can read it in the process list.
 */
export type NewPin = { pin: string } | { problem: 'none' | 'mismatch' | 'cancelled' };

export interface SecretInput {
  newPin(): Promise<NewPin>;
}

/** More than any PIN and its line end: the rest of a long input is never read. */
const MAX_INPUT_BYTES = 1024;

export function terminalSecrets(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): SecretInput {
  return {
    async newPin() {
      if (!input.isTTY) {
        const line = firstLine(await readAtMost(input, MAX_INPUT_BYTES));
        return line === null ? { problem: 'none' } : { pin: line };
      }
      const lines = hiddenLines(input, output);
      try {
        const first = await lines.next('New admin PIN: ');
        if (first === null) return { problem: 'cancelled' };
        if (first === '') return { problem: 'none' };
        const again = await lines.next('Type it again: ');
        if (again === null) return { problem: 'cancelled' };
        return first === again ? { pin: first } : { problem: 'mismatch' };
      } finally {
        lines.close();
      }
    },
  };
}

/** Secrets from a list, for tests: what `newPin` answers, in turn. */
export function givenSecrets(...answers: NewPin[]): SecretInput {
  return { newPin: async () => answers.shift() ?? { problem: 'none' } };
}

function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/)[0]?.trim() ?? '';
  return line === '' ? null : line;
}

/**
 * Standard input up to its first line end or `limit` bytes, whichever comes first (a PIN is a line of a few
 * digits; a pipe left open after it, as `ssh` without `-t` leaves one, is not waited for).
 */
function readAtMost(input: NodeJS.ReadStream, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      input.off('data', onData);
      input.pause();
      resolve(Buffer.concat(chunks).subarray(0, limit).toString('utf8'));
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
      if (size >= limit || bytes.includes(0x0a)) done();
    };
    input.on('data', onData);
    input.once('end', done);
    input.once('error', reject);
  });
}

/**
 * Lines from a terminal in raw mode: nothing is echoed; Backspace works; Ctrl+C or Ctrl+D gives up (null).
 * What was typed ahead (two lines pasted at once) is kept for the next prompt.
 */
function hiddenLines(input: NodeJS.ReadStream, output: NodeJS.WriteStream) {
  let pending = '';
  let waiting: ((line: string | null) => void) | null = null;
  let line = '';
  // A terminal may send CR and LF in separate reads: the LF after a CR ends no second line.
  let afterCr = false;
  const onData = (chunk: Buffer | string) => {
    pending += String(chunk);
    deliver();
  };
  function deliver(): void {
    while (waiting && pending.length > 0) {
      const char = pending[0]!;
      pending = pending.slice(1);
      const wasAfterCr = afterCr;
      afterCr = char === '\r';
      if (char === '\n' && wasAfterCr) continue;
      if (char === '\r' || char === '\n') {
        answer(line);
      } else if (char === '\u0003' || char === '\u0004') {
        answer(null);
      } else if (char === '\u007f' || char === '\b') {
        line = line.slice(0, -1);
      } else if (line.length < MAX_INPUT_BYTES) {
        line += char;
      }
    }
  }
  function answer(value: string | null): void {
    const resolve = waiting!;
    waiting = null;
    line = '';
    output.write('\n');
    resolve(value);
  }
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.on('data', onData);
  input.resume();
  return {
    next(prompt: string): Promise<string | null> {
      output.write(prompt);
      return new Promise((resolve) => {
        waiting = resolve;
        deliver();
      });
    },
    close(): void {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    },
  };
}
