/**
 * The admin half of the contract: its call names and channels. Kept apart
 * from `contract-names.ts` so the resident window's preload and WebSocket
 * client cannot even name an admin call; only the admin window's do.
 */
import type { SessionRule } from './bridge';
import { shellChannel } from './contract-names';

export const adminCallNames = ['admin.state', 'admin.unlock', 'admin.setFirstPin', 'admin.lock', 'admin.status', 'admin.settings', 'admin.saveSettings', 'admin.printer', 'admin.printTestSlip', 'admin.reprint',
  'admin.outbox', 'admin.outboxAction', 'admin.adopt', 'admin.syncPause', 'admin.outboxExport',
  'admin.changePin', 'admin.cards', 'admin.registerCard', 'admin.removeCard', 'admin.audit', 'admin.logTail',
  'admin.server', 'admin.serverCheck', 'admin.refreshReference', 'admin.setServerUrl',
  'admin.readers', 'admin.readerKey', 'admin.logFolders', 'admin.logExport', 'admin.shell',
  'admin.letterPrinter', 'admin.letterPrinterQueue', 'admin.letterPrinterTest', 'admin.letterPrintAllow'] as const;

export type AdminCallName = (typeof adminCallNames)[number];

/** Calls answered without an admin session: they are how one starts. Their handlers learn no actor. */
export const publicAdminCallNames = ['admin.state', 'admin.unlock', 'admin.setFirstPin'] as const satisfies readonly AdminCallName[];
export type PublicAdminCallName = (typeof publicAdminCallNames)[number];
/** Every other admin call needs the session one of the public ones opened. */
export type SessionAdminCallName = Exclude<AdminCallName, PublicAdminCallName>;
export const PUBLIC_ADMIN_CALLS: ReadonlySet<PublicAdminCallName> = new Set(publicAdminCallNames);

/** The admin bridge keeps the session `admin.unlock` or `admin.setFirstPin` opened until `admin.lock` or the core no longer knows it. */
export const ADMIN_SESSION_RULE: SessionRule = {
  opens: new Set<AdminCallName>(['admin.unlock', 'admin.setFirstPin']),
  ends: new Set<AdminCallName>(['admin.lock']),
  refusedWith: 'admin-session-required',
};

export function isAdminCallName(name: unknown): name is AdminCallName {
  return typeof name === 'string' && (adminCallNames as readonly string[]).includes(name);
}

export const adminIpcChannel = {
  call: (name: AdminCallName) => `adm-admin:call:${name}`,
  /** The kiosk window asks the shell to open the admin window: named with the kiosk's channels, which the kiosk preload may import. */
  open: shellChannel.openAdmin,
};
