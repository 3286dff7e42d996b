import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlockedShortcut, isReaderKeyPress, resolveAppFile, type ShellKey } from '../../../src/main/electron/policy';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const realpath = (file: string) => {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
};

function rendererWithSecretNextToIt() {
  const root = tempDir();
  const renderer = path.join(root, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), '');
  writeFileSync(path.join(root, 'secret.txt'), 'not for the renderer');
  symlinkSync(path.join(root, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
  return { renderer: realpathSync(renderer) };
}

describe('app:// path resolution', () => {
  it('serves the renderer\'s own files, index.html for the root', () => {
    const { renderer } = rendererWithSecretNextToIt();
    expect(resolveAppFile('app://kiosk/', renderer, realpath)).toEqual({ ok: true, file: path.join(renderer, 'index.html') });
    expect(resolveAppFile('app://kiosk/assets/app.js?v=1', renderer, realpath)).toEqual({ ok: true, file: path.join(renderer, 'assets', 'app.js') });
    expect(resolveAppFile('app://kiosk/assets/none.js', renderer, realpath)).toEqual({ ok: false, status: 404 });
  });

  it('never leaves the renderer folder: encoded dot segments and slashes, backslashes, NUL and symlinks', () => {
    const { renderer } = rendererWithSecretNextToIt();
    // The URL parser folds encoded dot segments first: they name a file inside the folder, which is not there.
    expect(resolveAppFile('app://kiosk/%2e%2e/secret.txt', renderer, realpath)).toEqual({ ok: false, status: 404 });
    expect(resolveAppFile('app://kiosk/assets/%2E%2E/%2E%2E/secret.txt', renderer, realpath)).toEqual({ ok: false, status: 404 });
    for (const url of [
      'app://kiosk/..%2fsecret.txt',
      'app://kiosk/assets/..%5c..%5csecret.txt',
      'app://kiosk/index.html%00.js',
      'app://kiosk/assets/link.txt',
    ]) {
      expect(resolveAppFile(url, renderer, realpath), url).toEqual({ ok: false, status: 403 });
    }
  });

  it('answers 400 to a path that is not valid percent-encoding', () => {
    const { renderer } = rendererWithSecretNextToIt();
    expect(resolveAppFile('app://kiosk/%E0%A4%A', renderer, realpath)).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile('app://kiosk/%ZZ', renderer, realpath)).toEqual({ ok: false, status: 400 });
  });
});

const key = (k: string, mods: Partial<ShellKey> = {}): ShellKey => ({ type: 'keyDown', key: k, control: false, meta: false, alt: false, shift: false, ...mods });

describe('keys the kiosk shell never lets through', () => {
  const blocked: Array<[string, ShellKey]> = [
    ['reload', key('r', { control: true })],
    ['hard reload', key('R', { control: true, shift: true })],
    ['reload (F5)', key('F5')],
    ['close window', key('w', { control: true })],
    ['quit', key('q', { control: true })],
    ['quit (macOS)', key('q', { meta: true })],
    ['close (Alt+F4)', key('F4', { alt: true })],
    ['devtools', key('I', { control: true, shift: true })],
    ['devtools (F12)', key('F12')],
    ['zoom in', key('+', { control: true })],
    ['zoom in (=)', key('=', { control: true })],
    ['zoom out', key('-', { control: true })],
    ['zoom reset', key('0', { control: true })],
    ['print', key('p', { control: true })],
    ['new window', key('n', { control: true })],
    ['new tab', key('t', { control: true })],
    ['fullscreen off', key('F11')],
    ['back', key('ArrowLeft', { alt: true })],
    ['view source', key('u', { control: true })],
  ];
  for (const [what, input] of blocked) it(`blocks ${what}`, () => expect(isBlockedShortcut(input)).toBe(true));

  it('lets typing, digits, Enter and Backspace through (readers and the technician type)', () => {
    for (const input of [key('a'), key('A', { shift: true }), key('7'), key('Enter'), key('Backspace'), key('Tab'), key(':', { shift: true }), key('c', { control: true }), key('v', { control: true })]) {
      expect(isBlockedShortcut(input), JSON.stringify(input)).toBe(false);
    }
  });
});

describe('which key events reach the reader\'s burst detector', () => {
  // A key held down repeats about as fast as a reader types: held, then Enter, it would pass for a scan.
  const events: Array<[string, { type: string; isAutoRepeat: boolean }, boolean]> = [
    ['a key press', { type: 'keyDown', isAutoRepeat: false }, true],
    ['a held key repeating', { type: 'keyDown', isAutoRepeat: true }, false],
    ['a key release', { type: 'keyUp', isAutoRepeat: false }, false],
    ['a repeated release', { type: 'keyUp', isAutoRepeat: true }, false],
    ['a character event', { type: 'char', isAutoRepeat: false }, false],
  ];
  it.each(events)('%s: %o is a reader key press: %s', (_what, input, expected) => {
    expect(isReaderKeyPress(input)).toBe(expected);
  });
});
