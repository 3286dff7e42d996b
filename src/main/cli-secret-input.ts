/**
 * How `adm admin set-pin` reads a PIN: typed twice on a terminal without
 * being shown, or one line from standard input (`printf '%s\n' "$PIN" | adm
 * admin set-pin`) for scripts. Never from the command line, where every
 * local user can read it in the process list.
 */
export interface SecretInput {
  /** The new PIN, or null when none was given or the two typed differ. */
  newPin(): Promise<string | null>;
}

export function terminalSecrets(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): SecretInput {
  return {
    async newPin() {
      if (!input.isTTY) return firstLine(await readAll(input));
      const first = await readHidden(input, output, 'New admin PIN: ');
      const again = await readHidden(input, output, 'Type it again: ');
      return first !== '' && first === again ? first : null;
    },
  };
}

/** Secrets from a list, for tests: the PIN as typed (twice) or piped. */
export function givenSecrets(...pins: Array<string | null>): SecretInput {
  return { newPin: async () => pins.shift() ?? null };
}

function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/)[0]?.trim() ?? '';
  return line === '' ? null : line;
}

function readAll(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => (text += chunk));
    input.once('end', () => resolve(text));
    input.once('error', reject);
  });
}

/** One line from a terminal in raw mode: nothing is echoed; Backspace works; Ctrl+C gives up. */
function readHidden(input: NodeJS.ReadStream, output: NodeJS.WriteStream, prompt: string): Promise<string> {
  output.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve) => {
    let value = '';
    const finish = (result: string) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(result);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(value);
        if (char === '\u0003' || char === '\u0004') return finish('');
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on('data', onData);
  });
}
