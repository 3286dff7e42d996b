/** Printer states as every layer sees them (ARCHITECTURE.md "Devices"). */
export const printerStatuses = ['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'unknown', 'error'] as const;
export type PrinterStatus = (typeof printerStatuses)[number];
