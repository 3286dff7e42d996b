/**
 * The admin's Printer screen: the printer's status, the devices a printer can
 * be plugged into, the profiles, a test slip with its preview drawn from the
 * very bytes the printer got, and receipts to print again. The printer's
 * settings themselves are saved like every setting (`admin-settings.ts`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AdminPrinter } from '../../shared/admin-contract';
import { ok } from '../../shared/result';
import { interpretEscPos } from '../../devices/printer/escpos-interpreter';
import { listPrinterDevices } from '../../devices/printer/printer-devices';
import { findPreviewFont, writeJobPng } from '../../devices/printer/preview-png';
import { printerProfiles } from '../../devices/printer/profiles';
import type { Dispose, AdminContext } from '../feature';

/** What this feature is handed by the composition root. */
export type AdminPrinterContext = Pick<AdminContext, 'audit' | 'handleAdmin' | 'log' | 'printing'>;

export const registerAdminPrinter = (ctx: AdminPrinterContext): Dispose => {
  const log = ctx.log('admin');
  ctx.handleAdmin('admin.printer', async () => ok(await printerView(ctx)));

  ctx.handleAdmin('admin.printTestSlip', async (_input, actor) => {
    const result = await ctx.printing.printTestSlip();
    ctx.audit(actor, 'printer.testSlip', { outcome: result.outcome });
    log.info({ outcome: result.outcome }, 'test slip printed from admin');
    return ok({ result, printer: await printerView(ctx) });
  });

  ctx.handleAdmin('admin.reprint', async ({ reference }, actor) => {
    const result = await ctx.printing.reprint(reference);
    ctx.audit(actor, 'printer.reprint', { reference, outcome: result.outcome });
    return ok({ result, printer: await printerView(ctx) });
  });

  return () => {};
};

async function printerView(ctx: AdminPrinterContext): Promise<AdminPrinter> {
  const described = ctx.printing.describe();
  const slip = ctx.printing.lastSlip();
  return {
    status: await ctx.printing.status().catch(() => 'error' as const),
    transport: described.transport,
    profile: described.profile,
    profiles: printerProfiles().map((profile) => ({ id: profile.id, name: profile.name })),
    devices: await listPrinterDevices(),
    lastSlip: slip && { kind: slip.kind, at: slip.at, previewDataUrl: await preview(slip.bytes, slip.widthDots) },
    failedReceipts: ctx.printing.failedReceipts(),
  };
}

/** The slip as a PNG data URL (null when it cannot be drawn: no font, bytes the interpreter does not know). */
async function preview(bytes: Uint8Array, widthDots: number): Promise<string | null> {
  const font = findPreviewFont();
  if (!font) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'adm-preview-'));
  try {
    const file = path.join(dir, 'slip.png');
    await writeJobPng(interpretEscPos(bytes), widthDots, file, font);
    return `data:image/png;base64,${readFileSync(file).toString('base64')}`;
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
