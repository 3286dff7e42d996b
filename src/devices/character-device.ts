/**
 * A configured device path (`printer.devicePath`, a serial scanner's port) is
 * opened read-write. Policy: it must be a character device, checked on what
 * was actually opened (fstat), never on the name. A regular file named there
 * (say `keys/card-hint.key`) would otherwise be overwritten by the next slip
 * and the kiosk would not start again; a directory, a FIFO, a socket or a
 * disk are refused the same way, with the file left untouched (opening
 * without O_TRUNC writes nothing).
 *
 * Symbolic links: the udev rules make `/dev/adm-printer` and
 * `/dev/serial/by-id/...` links, so links are followed, but only into /dev:
 * the path is opened with O_NOFOLLOW, and only if it is a link is it resolved
 * and the resolved path (which has no links left) opened the same way. A link
 * to anything outside /dev is refused before it is opened.
 *
 * Windows has no O_NOFOLLOW nor O_NOCTTY (they are 0 there) and its ports are
 * names like COM3 or \\.\COM3; Node reports an open serial port as a
 * character device there too, so the same check holds.
 *
 * A printer port (the usb transport) must also be one: a terminal (the
 * realistic mistake, /dev/ttyUSB0 with transport usb, or a pty, /dev/console)
 * swallows the job into its line discipline and answers status reads with
 * its echo or never, and /dev/null or /dev/zero take anything and "answer".
 * On Linux a printer port is known by its device number: usblp's 180
 * (/dev/usb/lpN) or the parallel port's 6 (/dev/lpN); elsewhere there is no
 * usblp, and a terminal is refused by isatty.
 */
import { constants, statSync, type Stats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { isatty } from 'node:tty';

export type DeviceRole = 'printer' | 'scanner';

const ROLE_WORDS: Record<DeviceRole, string> = { printer: 'printer', scanner: 'pemindai' };

/** What a path is when it is not a character device, in a technician's words. */
export type NotADevice =
  | 'a regular file'
  | 'a directory'
  | 'a FIFO'
  | 'a socket'
  | 'a block device'
  | 'a link outside /dev'
  | 'not a device'
  | PrinterPortProblem;

/** A character device that is no printer port. */
export type PrinterPortProblem = 'a terminal' | 'not a printer port';

const KIND_WORDS: Record<NotADevice, string> = {
  'a regular file': 'berkas biasa',
  'a directory': 'folder',
  'a FIFO': 'pipa (FIFO)',
  'a socket': 'soket',
  'a block device': 'perangkat blok (disk)',
  'a link outside /dev': 'tautan ke luar /dev',
  'not a device': 'bukan perangkat',
  'a terminal': "port serial/terminal: pilih sambungan 'serial'",
  'not a printer port': 'perangkat lain, bukan printer USB (/dev/usb/lp*) atau paralel (/dev/lp*)',
};

/** Refused before anything was written: the printer's status is `error` (a setting to fix), not `offline`. */
export class NotADeviceError extends Error {
  readonly devicePath: string;
  readonly found: NotADevice;

  constructor(devicePath: string, found: NotADevice, role: DeviceRole) {
    super(`bukan perangkat ${ROLE_WORDS[role]}: ${devicePath} adalah ${KIND_WORDS[found]}`);
    this.name = 'NotADeviceError';
    this.devicePath = devicePath;
    this.found = found;
  }
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NO_CONTROLLING_TTY = constants.O_NOCTTY ?? 0;

/** For the device's own use: read-write, without making a serial port the kiosk's controlling terminal. */
export const READ_WRITE = constants.O_RDWR | NO_CONTROLLING_TTY;
/** For a check only: never blocks (a FIFO opened for reading would wait for a writer). */
const PROBE = constants.O_RDONLY | NO_CONTROLLING_TTY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `devicePath` with `flags`; a handle on a character device (that also
 * passes `also`, given what was opened), or a `NotADeviceError` (file untouched).
 */
export async function openCharacterDevice(
  devicePath: string,
  role: DeviceRole,
  flags: number = READ_WRITE,
  also: (opened: { stats: Stats; fd: number }) => NotADevice | null = () => null,
): Promise<FileHandle> {
  const handle = await openWithoutLinks(devicePath, role, flags);
  try {
    const stats = await handle.stat();
    const found = notADevice(stats) ?? also({ stats, fd: handle.fd });
    if (found) throw new NotADeviceError(devicePath, found, role);
    return handle;
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}

/**
 * Linux's printer ports by device number: lp, the parallel port (major 6), and usblp, the USB printer class
 * (major 180, minors 0-15; the USB major's other minors are hiddev, usbtmc and other classes, no printer).
 */
function isLinuxPrinterPort(rdev: number): boolean {
  const major = linuxMajor(rdev);
  return major === 6 || (major === USB_MAJOR && linuxMinor(rdev) < USBLP_MINORS);
}
const USB_MAJOR = 180;
const USBLP_MINORS = 16;

/** Opens a printer port for the usb transport (`flags` beyond read-write: the transport's own), or refuses it. */
export function openPrinterPort(devicePath: string, flags: number = READ_WRITE): Promise<FileHandle> {
  return openCharacterDevice(devicePath, 'printer', flags, ({ stats, fd }) =>
    printerPortProblem({ terminal: isatty(fd), rdev: stats.rdev, platform: process.platform }),
  );
}

/** Why an opened character device is no printer port, or null. */
export function printerPortProblem(device: { terminal: boolean; rdev: number; platform: NodeJS.Platform }): PrinterPortProblem | null {
  if (device.terminal) return 'a terminal';
  if (device.platform === 'linux' && !isLinuxPrinterPort(device.rdev)) return 'not a printer port';
  return null;
}

/** glibc's gnu_dev_major: bits 8-19 and 32-43 of the device number (above 2^32, so not with 32-bit shifts). */
export function linuxMajor(rdev: number): number {
  return ((rdev >>> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
}

/** glibc's gnu_dev_minor: bits 0-7 and 20-31 of the device number. */
export function linuxMinor(rdev: number): number {
  return (rdev & 0xff) | ((rdev >>> 12) & ~0xff);
}

/**
 * Checks a path another library opens itself (serialport): opened without
 * blocking, fstat, closed. A path swapped between this check and that open
 * is not caught here; on Linux and macOS serialport's own terminal settings
 * (tcgetattr) then fail on anything but a terminal, before any byte is written.
 */
export async function ensureCharacterDevice(devicePath: string, role: DeviceRole): Promise<void> {
  const handle = await openCharacterDevice(devicePath, role, PROBE);
  await handle.close();
}

/**
 * Without opening anything: why `devicePath` cannot be a device, or null
 * (it is one, or it is not there now: an unplugged printer's udev link).
 * For the admin's settings; the transports check again when they open.
 */
export function describeNotADevice(devicePath: string): NotADevice | null {
  try {
    return notADevice(statSync(devicePath));
  } catch {
    return null;
  }
}

/**
 * Without opening anything: why the character device at `devicePath` is no printer port for the usb transport
 * (a serial port or terminal, another device; Linux, by its major number), or null (a printer port, not a
 * character device at all, or not there now). The admin's early word; `openPrinterPort` checks again.
 */
export function describeNotAPrinterPort(devicePath: string, platform: NodeJS.Platform = process.platform): PrinterPortProblem | null {
  if (platform !== 'linux') return null; // elsewhere only an opened handle can say it is a terminal
  try {
    const stats = statSync(devicePath);
    if (!stats.isCharacterDevice()) return null;
    return LINUX_TERMINAL_MAJORS.has(linuxMajor(stats.rdev)) ? 'a terminal' : printerPortProblem({ terminal: false, rdev: stats.rdev, platform });
  } catch {
    return null;
  }
}

/** Linux's terminal majors: virtual consoles and serial ports (4), /dev/tty and the console (5), ptys (136-143), USB serial (166, 188). */
const LINUX_TERMINAL_MAJORS: ReadonlySet<number> = new Set([4, 5, 136, 137, 138, 139, 140, 141, 142, 143, 166, 188]);

async function openWithoutLinks(devicePath: string, role: DeviceRole, flags: number): Promise<FileHandle> {
  try {
    return await open(devicePath, flags | NO_FOLLOW);
  } catch (error) {
    if (!isLinkRefusal(error)) throw explained(error, devicePath, role);
  }
  const target = await realpath(devicePath);
  if (!isUnderDev(target)) throw new NotADeviceError(devicePath, 'a link outside /dev', role);
  try {
    return await open(target, flags | NO_FOLLOW);
  } catch (error) {
    throw explained(error, devicePath, role);
  }
}

/** A directory cannot be opened read-write (EISDIR), nor a socket at all (ENXIO): say what it is instead. */
function explained(error: unknown, devicePath: string, role: DeviceRole): unknown {
  const found = describeNotADevice(devicePath);
  return found ? new NotADeviceError(devicePath, found, role) : error;
}

/** O_NOFOLLOW on a link: ELOOP on Linux and macOS, EMLINK on FreeBSD. */
function isLinkRefusal(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return NO_FOLLOW !== 0 && (code === 'ELOOP' || code === 'EMLINK');
}

function isUnderDev(target: string): boolean {
  return target.startsWith(`${path.sep}dev${path.sep}`);
}

function notADevice(stats: Stats): NotADevice | null {
  if (stats.isCharacterDevice()) return null;
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a device';
}
