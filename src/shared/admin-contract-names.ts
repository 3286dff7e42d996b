/**
 * The admin half of the contract: its call names and channels. Kept apart
 * from `contract-names.ts` so the resident window's preload and WebSocket
 * client cannot even name an admin call; only the admin window's do.
 */
export const adminCallNames = ['admin.state', 'admin.unlock', 'admin.setFirstPin', 'admin.lock', 'admin.status', 'admin.settings', 'admin.saveSettings', 'admin.printer', 'admin.printTestSlip', 'admin.reprint',
  'admin.outbox', 'admin.outboxAction', 'admin.adopt', 'admin.syncPause', 'admin.outboxExport',
  'admin.changePin', 'admin.cards', 'admin.registerCard', 'admin.removeCard', 'admin.audit', 'admin.logTail',
  'admin.server', 'admin.serverCheck', 'admin.refreshReference', 'admin.setServerUrl',
  'admin.readers', 'admin.readerKey', 'admin.logFolders', 'admin.logExport', 'admin.shell'] as const;

export type AdminCallName = (typeof adminCallNames)[number];

/** Calls answered without an admin session: they are how one starts. */
export const PUBLIC_ADMIN_CALLS: ReadonlySet<AdminCallName> = new Set(['admin.state', 'admin.unlock', 'admin.setFirstPin']);

export function isAdminCallName(name: unknown): name is AdminCallName {
  return typeof name === 'string' && (adminCallNames as readonly string[]).includes(name);
}

export const adminIpcChannel = {
  call: (name: AdminCallName) => `adm-admin:call:${name}`,
  /** The kiosk window asks the shell to open the admin window (the hidden gesture, a technician card). */
  open: 'adm-shell:open-admin',
};
