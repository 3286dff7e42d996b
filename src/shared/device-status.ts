/** Printer states as every layer sees them (ARCHITECTURE.md "Devices"). */
export const printerStatuses = ['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'unknown', 'error'] as const;
export type PrinterStatus = (typeof printerStatuses)[number];

/**
 * The A4 printer's states as every layer sees them (a CUPS queue read through
 * IPP, `devices/document-printer/ipp-state.ts`): ready (idle or printing),
 * stopped (paused or disabled, or not accepting jobs), media-empty (out of
 * paper), offline (the printer does not answer CUPS), unknown (CUPS could not
 * be asked), error (another error reason, e.g. a jam or no toner).
 */
export const documentPrinterStatuses = ['ready', 'stopped', 'media-empty', 'offline', 'unknown', 'error'] as const;
export type DocumentPrinterStatus = (typeof documentPrinterStatuses)[number];
