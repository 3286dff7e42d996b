/**
 * The names in the contract and the channel strings derived from them. Kept
 * free of zod so the sandboxed preload and the renderer bundle only this;
 * `contract.ts` adds the schemas and types and must cover exactly these names.
 */
export const callNames = [
  'kiosk.getInfo',
  'session.identify',
  'session.identifyByReceipt',
  'session.end',
  'session.extend',
  'letters.list',
  'requests.submit',
  'requests.mine',
  'requests.cancel',
  'village.info',
  'printing.receiptState',
  'printing.reprint',
  'printing.queueTicket',
  'printing.status',
  'input.key',
  'requests.receiptStatus',
  'kiosk.callStaff',
  'voice.speak',
  'kiosk.attract',
  'letters.issued',
  'letters.file',
  'letters.print',
] as const;
export const eventNames = ['kiosk.infoChanged', 'sync.status', 'session.expired', 'printer.status', 'printing.receipt', 'session.expiring', 'input.card', 'input.receipt', 'kiosk.attractChanged', 'input.technicianCard', 'kiosk.adminChanged', 'letters.printStatus'] as const;

export type CallName = (typeof callNames)[number];
export type EventName = (typeof eventNames)[number];

const callSet: ReadonlySet<string> = new Set(callNames);
const eventSet: ReadonlySet<string> = new Set(eventNames);

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && callSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}

/** The only place channel strings are made. */
export const ipcChannel = {
  call: (name: CallName) => `adm:call:${name}`,
  event: (name: EventName) => `adm:event:${name}`,
} as const;

/** What the kiosk window may ask of the shell itself. */
export const shellChannel = {
  /** Open the admin window, which asks for the PIN itself (the hidden gesture, a technician card). */
  openAdmin: 'adm-shell:open-admin',
} as const;
