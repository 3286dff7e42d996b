/**
 * `adm`: the technician's command line, on the same data directory and
 * configuration as the kiosk (set ADM_DATA_DIR to use another).
 *
 *   adm sync --once            one pass over the outbox, JSON summary
 *   adm sync                   keep syncing until Ctrl+C (drains the request in flight)
 *   adm outbox list [--json] [--state pending|synced|parked|rejected]
 *   adm outbox retry <reference>
 *   adm outbox retarget <reference>  send a request held for another server to the configured one
 *   adm server check [--url U] version, village profile, licence/availability
 *   adm demo-server [--port P] the demo village server (demo data only)
 *   adm printer status         what the configured printer says now
 *   adm printer test           print the technician's test slip
 *   adm printer reprint <ref>  print a request's receipt again
 *   adm printer profiles       the printer models the kiosk knows
 *   adm printer a4 status [--queue NAME] [--json]  the A4 printer for signed letters (a CUPS queue)
 *   adm printer a4 test [--queue NAME]             print the A4 test page and follow the job
 *   adm input list [--json]    PC/SC readers and serial ports the system sees
 *   adm input watch            card reads from PC/SC readers, live, until Ctrl+C
 *   adm voice check            which spoken-prompt voices are installed, with a sample each
 *   adm admin set-pin          set the admin PIN (a kiosk in service without one), or reset a forgotten one
 *   adm fleet agent-config --url U --user NAME --password-file F [--out FILE]
 *                              the Prometheus agent's configuration for the kabupaten's fleet monitoring
 *   adm fleet status [--port P] whether the agent reads this kiosk and its samples leave
 */
import { parseArgs } from 'node:util';
import { createKioskCore } from './core';
import { createOutboxDesk, type OutboxDesk } from './outbox/outbox-actions';
import { REQUEST_STATUS_LABELS } from '../shared/request-status';
import type { AdminOutboxRow, OutboxRetry } from '../shared/admin-contract';
import { OUTBOX_STATES, type OutboxState } from '../shared/outbox-states';
import { createOpensidClient } from './village/opensid-client';
import { checkServer } from './village/server-check';
import { printerProfiles } from '../devices/printer/profiles';
import { startOpensidSim } from '../../tools/opensid-sim/server';
import { listInputDevices } from '../devices/input/device-list';
import { realInputSources } from '../devices/input/input-sources';
import { describeConfigProblem, readConfigFile } from './config/store';
import { resolveDataDir } from './data-dir';
import { availableVoices, renderSpeech, wavDurationMs, type VoiceLanguage } from './voice/espeak';
import { ADMIN_PIN_MISSING_MESSAGE } from './admin/commissioning';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN, isAdminPinShape } from '../shared/admin-pin';
import { foreignOwnerRefusal, noKioskRefusal, setAdminPinOnPc } from './admin/set-pin-on-pc';
import { terminalSecrets, type SecretInput } from './cli-secret-input';
import { A4_USAGE, a4PrinterCommand } from './cli-a4-printer';
import { FLEET_USAGE, fleetCommand } from './cli-fleet';
import { createReferenceCache } from './village/reference-cache';

const USAGE = `Usage:
  adm sync [--once]
  adm outbox list [--json] [--state pending|synced|parked|rejected]
  adm outbox retry <reference>
  adm outbox retarget <reference>
  adm server check [--url URL]
  adm demo-server [--port PORT]
  adm printer status | test | reprint <reference> | profiles
  ${A4_USAGE}
  adm input list [--json] | watch
  adm voice check
  adm admin set-pin   (asks for the PIN twice; or reads one line from standard input)
  ${FLEET_USAGE}
`;

type Out = (text: string) => void;

/** Where a PIN is read from, and where warnings go (standard error: they never mix into JSON on standard output). */
export interface CliIo {
  secrets: SecretInput;
  warn: Out;
}

export async function runCli(
  argv: string[],
  out: Out = (t) => process.stdout.write(t),
  env = process.env,
  io: CliIo = { secrets: terminalSecrets(), warn: (t) => process.stderr.write(t) },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      once: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      state: { type: 'string' },
      url: { type: 'string' },
      port: { type: 'string' },
      queue: { type: 'string' },
      user: { type: 'string' },
      'password-file': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    out(USAGE);
    return command ? 0 : 2;
  }

  if (command === 'demo-server') {
    const sim = await startOpensidSim({ port: Number(values.port ?? 8080) });
    out(`Demo village server (DEMO DATA ONLY) listening on ${sim.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sim.close();
    return 0;
  }

  if (command === 'server' && sub === 'check') return serverCheck(values.url, out, env);
  if (command === 'input') return inputCommand(sub, values.json, out, env);

  const dataDir = resolveDataDir(env);
  const refusal = foreignOwnerRefusal(dataDir) ?? (command === 'admin' ? noKioskRefusal(dataDir) : null);
  if (refusal) {
    out(`Refused: ${refusal}\n`);
    return 1;
  }
  let core: ReturnType<typeof createKioskCore>;
  try {
    core = createKioskCore({ env, watchConfig: false });
  } catch (error) {
    out(`PERLU PETUGAS: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const problem = core.needsTechnician();
  if (problem) out(`PERLU PETUGAS: ${problem}. Kios tidak mengirim apa pun sampai berkas ini diperbaiki; permohonan tersimpan tetap aman.\n`);
  if (core.adminPinMissing() && command !== 'admin') io.warn(`PERLU PETUGAS: ${ADMIN_PIN_MISSING_MESSAGE}\n`);
  try {
    if (command === 'admin' && sub === 'set-pin') return await setPinCommand(core, io.secrets, out);
    if (command === 'sync') {
      if (problem) return 1;
      if (!core.village()) {
        out('No village server is configured (server.url in config.json).\n');
        return 1;
      }
      if (values.once) {
        const summary = await core.sync.runOnce();
        out(`${JSON.stringify(summary, null, 2)}\n`);
        return 0;
      }
      core.sync.start();
      out(`Syncing the outbox of ${core.dataDir}; Ctrl+C to stop.\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      return 0;
    }
    if (command === 'printer' && sub === 'a4') {
      const a4 = { action: arg, queueOption: values.queue, json: values.json ?? false, config: core.config(), env, out };
      return await a4PrinterCommand({ ...a4, audit: core.audit, log: core.logger.forSubsystem('letter-printer') });
    }
    if (command === 'fleet') {
      const options = { url: values.url, user: values.user, passwordFile: values['password-file'], out: values.out, port: values.port };
      const references = createReferenceCache(core.db);
      const fleet = { action: sub, options, dataDir: core.dataDir, config: core.config(), configProblem: problem, profile: () => references.profile()?.value ?? null };
      return await fleetCommand({ ...fleet, out });
    }
    if (command === 'printer') return await printerCommand(core, sub, arg, values.json, out);
    if (command === 'voice' && sub === 'check') return await voiceCheck(core.config().kiosk.audioGuidance, out);
    if (command === 'outbox') {
      const desk = createOutboxDesk({ store: core.outbox, serverTarget: core.serverTarget, audit: core.audit, wake: () => core.sync.wake() });
      const answered = outboxCommand(desk, sub, arg, values.state, values.json, core.serverTarget(), out);
      if (answered !== null) return answered;
    }
    out(USAGE);
    return 2;
  } finally {
    await core.close();
  }
}

/** `adm outbox list | retry | retarget`; null for a subcommand it does not know. */
function outboxCommand(
  desk: OutboxDesk,
  sub: string | undefined,
  reference: string | undefined,
  stateOption: string | undefined,
  json: boolean | undefined,
  target: string | null,
  out: Out,
): number | null {
  if (sub === 'list') {
    if (stateOption && !(OUTBOX_STATES as readonly string[]).includes(stateOption)) {
      out(`Unknown state ${stateOption}.\n`);
      return 2;
    }
    const rows = desk.list((stateOption as OutboxState | undefined) ?? 'all');
    out(json ? `${JSON.stringify(rows.map(publicRow), null, 2)}\n` : table(rows));
    return 0;
  }
  if (sub === 'retry') {
    if (!reference) {
      out('Give the request reference: adm outbox retry <reference>\n');
      return 2;
    }
    const verdict = desk.retry(reference, 'technician');
    out(`${retryAnswer(reference, verdict)}\n`);
    return verdict === 'allowed' ? 0 : 1;
  }
  if (sub === 'retarget') {
    if (!reference || !target) {
      out(reference ? 'No village server is configured to send it to.\n' : 'Give the request reference: adm outbox retarget <reference>\n');
      return 2;
    }
    const moved = desk.retarget(reference, 'technician');
    out(moved ? `${reference} will be sent to ${target} at the next sync.\n` : `${reference} is not waiting or parked, or has already been sent.\n`);
    return moved ? 0 : 1;
  }
  return null;
}

async function setPinCommand(core: ReturnType<typeof createKioskCore>, secrets: SecretInput, out: Out): Promise<number> {
  const given = await secrets.newPin();
  if ('problem' in given) {
    out(`${SET_PIN_PROBLEMS[given.problem]} Nothing changed.\n`);
    return 1;
  }
  if (!isAdminPinShape(given.pin)) {
    out(`PIN admin harus ${ADMIN_PIN_MIN} sampai ${ADMIN_PIN_MAX} angka (0-9). Nothing changed.\n`);
    return 1;
  }
  const outcome = await setAdminPinOnPc(core, given.pin);
  if (!outcome.ok) {
    out('PIN terlalu mudah: bukan satu angka berulang atau urutan seperti 123456. Nothing changed.\n');
    return 1;
  }
  out(`${outcome.replaced ? 'Admin PIN replaced' : 'Admin PIN set'} for the kiosk in ${core.dataDir}; the PIN lock is open. Recorded in the audit log.\n`);
  return 0;
}

const SET_PIN_PROBLEMS = {
  none: 'No PIN was given.',
  mismatch: 'The two PINs differ.',
  cancelled: 'Cancelled.',
} as const;

/** Sample sentences, rendered to prove the voice works (not only that it is listed). */
const VOICE_SAMPLES: Record<VoiceLanguage, string> = {
  id: 'Selamat datang di Anjungan Desa Mandiri.',
  en: 'Welcome to the village self-service kiosk.',
};

async function voiceCheck(guidance: boolean, out: Out): Promise<number> {
  const voices = { ...availableVoices() };
  out('Spoken prompts (espeak-ng):\n');
  for (const language of ['id', 'en'] as const) {
    if (!voices[language]) {
      out(`  ${language}: no voice (apt-get install espeak-ng); "Dengarkan" is not offered in this language\n`);
      continue;
    }
    try {
      const seconds = wavDurationMs(await renderSpeech(VOICE_SAMPLES[language], language)) / 1000;
      out(`  ${language}: voice installed, sample "${VOICE_SAMPLES[language]}" ${seconds.toFixed(1)} s\n`);
    } catch (error) {
      out(`  ${language}: listed but does not speak: ${error instanceof Error ? error.message : String(error)}\n`);
      voices[language] = false;
    }
  }
  out(`kiosk.audioGuidance: ${guidance ? 'on (every screen speaks its prompt)' : 'off ("Dengarkan" still speaks on request)'}\n`);
  return voices.id && voices.en ? 0 : 1;
}

async function printerCommand(
  core: ReturnType<typeof createKioskCore>,
  sub: string | undefined,
  reference: string | undefined,
  json: boolean | undefined,
  out: Out,
): Promise<number> {
  const printer = core.printing.describe();
  switch (sub) {
    case 'status': {
      const status = await core.printing.status();
      out(`${JSON.stringify({ ...printer, status }, null, 2)}\n`);
      return status === 'ready' || status === 'paper-near-end' ? 0 : 1;
    }
    case 'test': {
      const result = await core.printing.printTestSlip();
      core.audit('technician', 'printer.test', { ...printer, outcome: result.outcome });
      out(`${JSON.stringify({ ...printer, ...result }, null, 2)}\n`);
      return result.outcome === 'printed' ? 0 : 1;
    }
    case 'reprint': {
      if (!reference) {
        out('Give the request reference: adm printer reprint <reference>\n');
        return 2;
      }
      const result = await core.printing.reprint(reference);
      core.audit('technician', 'printer.reprint', { reference, outcome: result.outcome });
      if (result.outcome === 'unavailable') {
        out(`${reference}: no such request, or its personal data has been removed after the retention period.\n`);
        return 1;
      }
      out(`${JSON.stringify({ reference, ...result }, null, 2)}\n`);
      return result.outcome === 'printed' ? 0 : 1;
    }
    case 'profiles': {
      const rows = printerProfiles().map((p) => ({ id: p.id, name: p.name, widthDots: p.widthDots, columns: p.columns, qr: p.qr }));
      out(json ? `${JSON.stringify(rows, null, 2)}\n` : rows.map((r) => `${r.id.padEnd(22)} ${r.columns} col  ${r.qr.padEnd(6)}  ${r.name}`).join('\n') + '\n');
      return 0;
    }
    default:
      out(USAGE);
      return 2;
  }
}

async function serverCheck(urlOption: string | undefined, out: Out, env: NodeJS.ProcessEnv): Promise<number> {
  let url = urlOption;
  if (!url) {
    const core = createKioskCore({ env, watchConfig: false });
    const problem = core.needsTechnician();
    url = core.config().server.url ?? undefined;
    await core.close();
    if (problem) {
      out(`PERLU PETUGAS: ${problem}\n`);
      return 1;
    }
  }
  if (!url) {
    out('No village server configured; give one with --url.\n');
    return 1;
  }
  const report = await checkServer(createOpensidClient({ baseUrl: url }), url);
  out(`${JSON.stringify(report, null, 2)}\n`);
  return report.problem === null ? 0 : 1;
}

/** The desk's view of a request (no PIN ever, the NIK masked), with its state in words, as `adm` has always printed it. */
function publicRow(row: AdminOutboxRow) {
  return {
    reference: row.reference,
    createdAt: row.createdAt,
    letter: row.letterName,
    resident: row.resident,
    state: row.state,
    verified: row.verified,
    status: describeState(row),
    serverId: row.serverId,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
  };
}

/** The state in the words the kiosk screen uses; once sent, the office's status (a cancelled request is "dibatalkan"). */
function describeState(row: AdminOutboxRow): string {
  const { status } = row;
  if (status.at === 'office') return status.code === null ? 'terkirim' : REQUEST_STATUS_LABELS[status.code].toLowerCase();
  switch (status.state) {
    case 'pending':
      return row.verified ? 'menunggu dikirim' : 'menunggu verifikasi';
    case 'parked':
      return 'perlu dicek petugas';
    case 'refused':
      return 'ditolak server desa';
    case 'rejected':
      return 'ditolak (PIN salah)';
  }
}

/** What `adm outbox retry` did, or why it cannot: only what will really happen. */
function retryAnswer(reference: string, verdict: OutboxRetry | 'unknown'): string {
  switch (verdict) {
    case 'allowed':
      return `${reference} is waiting to be sent again: the running kiosk sends it within its next outbox check (sync.pollSeconds); with the kiosk app closed, run adm sync --once.`;
    case 'sent':
      return `${reference} is already at the village server; there is nothing to send again.`;
    case 'wrong-pin':
      return `${reference} cannot be sent: the village server refused the resident's PIN. The resident must make the request again at the kiosk.`;
    case 'request-again':
      return `${reference} cannot be sent again: the kiosk no longer keeps the PIN or session it was made with (the village server refused it, or the PIN was kept too long). The resident must make the request again at the kiosk.`;
    case 'purged':
      return `${reference} cannot be sent again: its personal data has been removed (sync.retentionDays). The resident must make the request again at the kiosk.`;
    case 'other-server':
      return `${reference} was made for another village server; to send it to the configured one: adm outbox retarget ${reference}`;
    case 'unknown':
      return `There is no request ${reference} on this kiosk (adm outbox list shows them).`;
  }
}

function table(rows: AdminOutboxRow[]): string {
  if (rows.length === 0) return 'The outbox is empty.\n';
  const lines = rows.map(publicRow).map((r) =>
    [r.reference, r.status, r.letter, r.resident ?? '-', String(r.attempts), r.serverId ?? '-', r.lastError ?? ''].join('  '),
  );
  return `reference  status  letter  resident  attempts  server-id  last-error\n${lines.join('\n')}\n`;
}

async function inputCommand(sub: string | undefined, json: boolean | undefined, out: Out, env: NodeJS.ProcessEnv): Promise<number> {
  if (sub === 'list') {
    const devices = await listInputDevices();
    if (json) {
      out(`${JSON.stringify(devices, null, 2)}\n`);
      return 0;
    }
    const pcsc = devices.pcsc;
    out('PC/SC readers:\n');
    if (pcsc.state === 'no-daemon') out('  pcscd tidak berjalan (install and start pcscd to use PC/SC readers)\n');
    else if (pcsc.state === 'error') out(`  cannot be listed: ${pcsc.message}\n`);
    else out(pcsc.readers.length === 0 ? '  none\n' : pcsc.readers.map((r) => `  ${r}\n`).join(''));
    out('Serial ports:\n');
    if ('error' in devices.serial) out(`  cannot be listed: ${devices.serial.error}\n`);
    else if (devices.serial.length === 0) out('  none\n');
    else for (const port of devices.serial) out(`  ${port.path}  ${port.manufacturer ?? ''} ${port.vendorId ? `${port.vendorId}:${port.productId}` : ''}\n`);
    out('USB HID devices:\n');
    if ('error' in devices.hid) out(`  cannot be listed: ${devices.hid.error}\n`);
    else if (devices.hid.length === 0) out('  none\n');
    else for (const hid of devices.hid) out(`  ${hid.ids}  usage page 0x${hid.usagePage.toString(16).padStart(4, '0')}${hid.hidPos ? ' (HID-POS scanner)' : ''}  ${hid.name}  ${hid.path}\n`);
    out('Keyboard-wedge readers and scanners act as keyboards: tap a card on the attract screen to test one.\n');
    return 0;
  }
  if (sub === 'watch') {
    // The configured readers, and PC/SC always (a reader just plugged in can be tried before it is configured).
    const state = readConfigFile(resolveDataDir(env));
    if (state.problem) out(`${describeConfigProblem(state.problem)}; watching PC/SC only\n`);
    const input = state.config.input;
    const sources = { reversedUid: input.reversedUid, cardPrefix: input.cardPrefix, pcsc: true, serialScanner: state.problem ? null : input.serialScanner, hid: state.problem ? null : input.hid };
    const watched = ['PC/SC', sources.serialScanner ? `serial ${sources.serialScanner.path}` : null, sources.hid ? `HID (${sources.hid.mode})` : null].filter(Boolean);
    out(`Watching ${watched.join(', ')}; tap a card or scan a code (Ctrl+C to stop). Keyboard-wedge readers type into this terminal.\n`);
    const stop = realInputSources()(sources, {
      event: (event, source) => out(`${JSON.stringify({ source, ...event })}\n`),
      status: (status) => out(`${JSON.stringify(status)}\n`),
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    stop();
    return 0;
  }
  out(USAGE);
  return 2;
}
