// The kabupaten's side of fleet health (resources/fleet, docs/fleet.md): the
// alert rules and their promtool tests, the Alertmanager example with its
// Telegram message, and the Grafana dashboard. Checked with Debian's real
// promtool and amtool (CI installs them; without them these tests fail, they
// never skip), and every expression may use only the metrics the kiosk
// publishes (src/main/metrics/metric-names.ts), the rules' own recordings and
// Prometheus's own series.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ADM_METRIC_NAMES } from '../../src/main/metrics/metric-names';
import { useTempDirs } from '../helpers/temp-dir';


const tempDir = useTempDirs();
const fleet = (file: string) => path.join('resources/fleet', file);
const RULES = fleet('alerts.yml');
const RULE_TESTS = fleet('alerts.test.yml');
const ALERTMANAGER = fleet('alertmanager.example.yml');
const TELEGRAM_TEMPLATE = fleet('adm-telegram.tmpl');
const DASHBOARD = fleet('grafana-dashboard.json');
const TOOL_TIMEOUT = 240_000;

// ---- the tools ----

const INSTALL_HINT = {
  promtool: "Debian's `prometheus` package",
  amtool: "Debian's `prometheus-alertmanager` package",
} as const;

interface ToolRun {
  code: number;
  output: string;
}

/** Runs promtool or amtool; a missing tool is an error that says what to install. */
function runTool(tool: keyof typeof INSTALL_HINT, args: string[], env: Record<string, string> = {}): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error?.code === 'ENOENT') {
        reject(new Error(`${tool} is not installed: install ${INSTALL_HINT[tool]} (.ci/run does) to check resources/fleet.`));
        return;
      }
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

// ---- the files, parsed ----

const Rule = z.union([
  z.object({ record: z.string(), expr: z.string() }).strict(),
  z
    .object({
      alert: z.string(),
      expr: z.string(),
      for: z.string().optional(),
      labels: z.object({ severity: z.enum(['critical', 'warning']) }).strict(),
      annotations: z.object({ summary: z.string(), description: z.string() }).strict(),
    })
    .strict(),
]);
const RuleFile = z.object({ groups: z.array(z.object({ name: z.string(), interval: z.string(), rules: z.array(Rule) })) });

const AlertTest = z.object({
  eval_time: z.string(),
  alertname: z.string(),
  exp_alerts: z.array(z.object({ exp_labels: z.record(z.string(), z.string()), exp_annotations: z.record(z.string(), z.string()) })),
});
const RuleTestFile = z.object({
  rule_files: z.array(z.string()),
  tests: z.array(z.object({ name: z.string(), alert_rule_test: z.array(AlertTest).optional() })),
});

const TimeInterval = z
  .object({
    weekdays: z.array(z.string()),
    times: z.array(z.object({ start_time: z.string(), end_time: z.string() })),
    location: z.string(),
  })
  .strict();
const TelegramConfig = z.object({ bot_token: z.string(), chat_id: z.number(), parse_mode: z.literal('HTML'), message: z.string(), send_resolved: z.literal(true) });
const ChildRoute = z.object({ receiver: z.string(), active_time_intervals: z.array(z.string()), mute_time_intervals: z.array(z.string()) });
const AlertmanagerFile = z.object({
  templates: z.array(z.string()),
  route: z.object({ receiver: z.string(), group_by: z.array(z.string()), repeat_interval: z.string(), routes: z.array(ChildRoute) }),
  time_intervals: z.array(z.object({ name: z.string(), time_intervals: z.array(z.record(z.string(), z.unknown())) })),
  receivers: z.array(z.object({ name: z.string(), telegram_configs: z.array(TelegramConfig) })),
});

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string } | undefined;
  targets?: Array<{ expr: string }> | undefined;
  panels?: Panel[] | undefined;
}
const PanelSchema: z.ZodType<Panel> = z.lazy(() =>
  z.object({
    type: z.string(),
    title: z.string(),
    datasource: z.object({ uid: z.string() }).optional(),
    targets: z.array(z.object({ expr: z.string() })).optional(),
    panels: z.array(PanelSchema).optional(),
  }),
);
const DashboardFile = z.object({
  __inputs: z.array(z.object({ name: z.string(), type: z.string(), pluginId: z.string() })),
  schemaVersion: z.number(),
  panels: z.array(PanelSchema),
  templating: z.object({ list: z.array(z.object({ name: z.string(), definition: z.string(), query: z.object({ query: z.string() }) })) }),
});

const readYaml = <T>(file: string, schema: z.ZodType<T>): T => schema.parse(parseYaml(readFileSync(file, 'utf8')));
const rules = () => readYaml(RULES, RuleFile).groups.flatMap((group) => group.rules);
const alerts = () => rules().flatMap((rule) => ('alert' in rule ? [rule] : []));
const recordings = () => rules().flatMap((rule) => ('record' in rule ? [rule.record] : []));
const alertmanager = () => readYaml(ALERTMANAGER, AlertmanagerFile);
const dashboard = () => DashboardFile.parse(JSON.parse(readFileSync(DASHBOARD, 'utf8')));
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);

// ---- PromQL: which metrics an expression reads ----

const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/**
 * The metric names an expression selects: what is left once strings, label
 * matchers, ranges, grouping labels, Grafana variables and comments are gone,
 * minus function names (followed by "("), keywords and numbers.
 */
function metricNames(expr: string): Set<string> {
  const bare = expr
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/#.*$/gm, ' ')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/\d[\w.]*|[a-zA-Z_:][\w:]*(?=\s*(\(?))/g)) {
    const word = match[0];
    if (/^\d/.test(word) || match[1] === '(' || PROMQL_WORDS.has(word)) continue;
    names.add(word);
  }
  return names;
}

/** Prometheus's own series: the scrape's `up`, prom-client's process metrics, the alerts' state. */
const PROMETHEUS_OWN = ['up', 'process_start_time_seconds', 'ALERTS', 'ALERTS_FOR_STATE'];

function unknownMetrics(exprs: string[]): string[] {
  const known = new Set<string>([...ADM_METRIC_NAMES, ...recordings(), ...PROMETHEUS_OWN]);
  return [...new Set(exprs.flatMap((expr) => [...metricNames(expr)]))].filter((name) => !known.has(name));
}

// ---- office hours, as Alertmanager's `jam-kerja` says them ----

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const minutesOf = (hhmm: string) => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours! * 60 + minutes!;
};

/** Whether Alertmanager's `jam-kerja` time interval holds at a unix time. */
function officeHoursAt(unixSeconds: number): boolean {
  const jamKerja = alertmanager().time_intervals.find((interval) => interval.name === 'jam-kerja');
  if (!jamKerja) throw new Error('alertmanager.example.yml has no time interval named jam-kerja');
  return jamKerja.time_intervals.some((raw) => {
    const interval = TimeInterval.parse(raw);
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone: interval.location, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(unixSeconds * 1000))
        .map((part) => [part.type, part.value]),
    );
    const day = WEEKDAYS.indexOf(String(parts.weekday).toLowerCase());
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    const onDay = interval.weekdays.some((range) => {
      const [from = '', to = from] = range.split(':');
      expect([from, to].every((name) => WEEKDAYS.includes(name)), `weekdays as Alertmanager writes them: ${range}`).toBe(true);
      return day >= WEEKDAYS.indexOf(from) && day <= WEEKDAYS.indexOf(to);
    });
    return onDay && interval.times.some((time) => minute >= minutesOf(time.start_time) && minute < minutesOf(time.end_time));
  });
}

/** Seconds in a promtool duration such as "4d1h30m". */
function durationSeconds(duration: string): number {
  const unit: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
  const parts = [...duration.matchAll(/(\d+)([dhms])/g)];
  expect(parts.map((part) => part[0]).join(''), `a duration promtool and this test both read: ${duration}`).toBe(duration);
  return parts.reduce((total, [, count, letter]) => total + Number(count) * unit[letter!]!, 0);
}

// ---- the tests ----

describe('the alert rules (resources/fleet/alerts.yml)', () => {
  it(
    'pass promtool check rules',
    async () => {
      const run = await runTool('promtool', ['check', 'rules', RULES]);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain(`SUCCESS: ${rules().length} rules found`);
    },
    TOOL_TIMEOUT,
  );

  it(
    'pass their promtool tests (alerts.test.yml)',
    async () => {
      const run = await runTool('promtool', ['test', 'rules', RULE_TESTS]);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain('SUCCESS');
    },
    TOOL_TIMEOUT,
  );

  it('read only the metrics the kiosk publishes, their own recordings and Prometheus own series', () => {
    const exprs = rules().map((rule) => rule.expr);
    expect(unknownMetrics(exprs)).toEqual([]);
    // The reading is not vacuous: it finds the metrics an alert selects.
    expect([...metricNames(alerts().find((alert) => alert.alert === 'AdmSyncFailing')!.expr)].sort()).toEqual([
      'adm:office_hours',
      'adm_outbox_oldest_pending_seconds',
      'adm_sync_last_success_timestamp_seconds',
    ]);
  });

  it('gate every alert on office hours and name the kiosk and its village in Bahasa Indonesia', () => {
    expect(alerts().length).toBeGreaterThanOrEqual(9);
    for (const alert of alerts()) {
      expect(alert.alert, 'English CamelCase with the Adm prefix').toMatch(/^Adm(?:[A-Z][a-z]+)+$/);
      expect(alert.expr, alert.alert).toMatch(/and on\(\) adm:office_hours == 1\s*$/);
      expect(alert.annotations.summary, alert.alert).toContain('{{ $labels.kiosk_id }}');
      for (const label of ['kiosk_id', 'kode_desa', 'kecamatan']) expect(alert.annotations.description, alert.alert).toContain(`{{ $labels.${label} }}`);
      expect(alert.annotations.description, `${alert.alert} says what to do`).toContain('Tindakan:');
    }
  });

  it('have, for every alert, a promtool test where it fires, one where it clears in office hours and one out of office hours', () => {
    const cases = readYaml(RULE_TESTS, RuleTestFile).tests.flatMap((test) => test.alert_rule_test ?? []);
    for (const { alert } of alerts()) {
      const mine = cases.filter((test) => test.alertname === alert);
      const quiet = mine.filter((test) => test.exp_alerts.length === 0).map((test) => officeHoursAt(durationSeconds(test.eval_time)));
      expect(
        mine.some((test) => test.exp_alerts.length > 0),
        `${alert} fires in a test`,
      ).toBe(true);
      expect(quiet, `${alert} is quiet in office hours once the problem is gone`).toContain(true);
      expect(quiet, `${alert} is quiet out of office hours`).toContain(false);
    }
    expect(new Set(cases.map((test) => test.alertname))).toEqual(new Set(alerts().map((alert) => alert.alert)));
  });

  it(
    "keep the same office hours as Alertmanager's jam-kerja, at every half hour of a week",
    async () => {
      const dir = tempDir();
      const halfHours = Array.from({ length: 7 * 48 + 1 }, (_, index) => index * 30);
      const expected = halfHours.map((minute) => (officeHoursAt(minute * 60) ? 1 : 0));
      expect(new Set(expected)).toEqual(new Set([0, 1]));
      const tests = {
        rule_files: [path.resolve(RULES)],
        evaluation_interval: '30m',
        tests: [
          {
            name: 'adm:office_hours agrees with jam-kerja',
            interval: '30m',
            input_series: [],
            promql_expr_test: halfHours.map((minute, index) => ({
              expr: 'adm:office_hours',
              eval_time: `${minute}m`,
              exp_samples: [{ labels: 'adm:office_hours', value: expected[index] }],
            })),
          },
        ],
      };
      const file = path.join(dir, 'office-hours.test.yml');
      writeFileSync(file, JSON.stringify(tests));
      const run = await runTool('promtool', ['test', 'rules', file]);
      expect(run.code, run.output).toBe(0);
    },
    TOOL_TIMEOUT,
  );
});

describe('the Alertmanager example (resources/fleet/alertmanager.example.yml)', () => {
  it(
    'passes amtool check-config',
    async () => {
      const run = await runTool('amtool', ['check-config', ALERTMANAGER]);
      expect(run.code, run.output).toBe(0);
      expect(run.output).toContain('1 templates');
    },
    TOOL_TIMEOUT,
  );

  it('sends one message per kiosk and problem, resolved ones too, in office hours only', () => {
    const config = alertmanager();
    expect(config.route.group_by).toEqual(['kecamatan', 'kiosk_id', 'alertname']);
    expect(config.route.repeat_interval).toBe('4h');
    expect(config.route.routes.length).toBeGreaterThanOrEqual(2);
    for (const route of config.route.routes) expect(route.active_time_intervals).toEqual(['jam-kerja']);
    const receivers = new Set(config.receivers.map((receiver) => receiver.name));
    for (const route of [config.route, ...config.route.routes]) expect(receivers).toContain(route.receiver);
  });

  it.each([
    ['firing', '0001-01-01T00:00:00Z', ['PERLU TINDAKAN', 'Printer struk &lt;58 mm&gt; &amp; kertas', 'Mulai: 03-03-2025 08:05 WIB']],
    ['resolved', '2025-03-03T03:00:00Z', ['SELESAI', 'tidak terlihat lagi', 'selesai: 03-03-2025 10:00 WIB']],
  ])(
    'renders the Telegram message of a %s alert with amtool',
    async (status, endsAt, expected) => {
      const dir = tempDir();
      const data = {
        receiver: 'telegram-kec-cibinong',
        status,
        alerts: [
          {
            status,
            labels: { alertname: 'AdmPrinterOutOfPaper', kiosk_id: 'sukamaju-1', kode_desa: '3201012001', kecamatan: 'Cibinong', kabupaten: 'Bogor', printer: 'receipt' },
            annotations: { summary: 'Kertas printer struk habis di kios sukamaju-1', description: 'Printer struk <58 mm> & kertas' },
            startsAt: '2025-03-03T01:05:00Z',
            endsAt,
          },
        ],
        groupLabels: { kecamatan: 'Cibinong', kiosk_id: 'sukamaju-1', alertname: 'AdmPrinterOutOfPaper' },
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://alertmanager.example',
      };
      writeFileSync(path.join(dir, 'data.json'), JSON.stringify(data));
      const messages = new Set(alertmanager().receivers.flatMap((receiver) => receiver.telegram_configs.map((telegram) => telegram.message)));
      expect(messages.size).toBe(1);
      const run = await runTool(
        'amtool',
        ['template', 'render', `--template.glob=${TELEGRAM_TEMPLATE}`, `--template.text=${[...messages][0]!}`, `--template.data=${path.join(dir, 'data.json')}`],
        { TZ: 'Asia/Jakarta' },
      );
      expect(run.code, run.output).toBe(0);
      for (const text of [...expected, 'Kertas printer struk habis di kios sukamaju-1', 'Kios: sukamaju-1 · kode desa 3201012001 · Kec. Cibinong']) {
        expect(run.output).toContain(text);
      }
    },
    TOOL_TIMEOUT,
  );
});

describe('the Grafana dashboard (resources/fleet/grafana-dashboard.json)', () => {
  it('imports with a Prometheus data source chosen at import', () => {
    const board = dashboard();
    expect(board.__inputs).toEqual([expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' })]);
    expect(board.schemaVersion).toBe(39);
    for (const panel of allPanels(board.panels).filter((p) => p.type !== 'row')) expect(panel.datasource?.uid, panel.title).toBe('${DS_PROMETHEUS}');
  });

  it('filters by kabupaten, kecamatan and kiosk', () => {
    const board = dashboard();
    expect(board.templating.list.map((variable) => variable.name)).toEqual(['kabupaten', 'kecamatan', 'kiosk_id']);
    for (const panel of allPanels(board.panels)) {
      for (const target of panel.targets ?? []) expect(target.expr, panel.title).toContain('kiosk_id=~"$kiosk_id"');
    }
  });

  it('reads only the metrics the kiosk publishes, the rules recordings and Prometheus own series', () => {
    const board = dashboard();
    const exprs = [
      ...allPanels(board.panels).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
      ...board.templating.list.map((variable) => variable.query.query.replace(/^label_values\((.*),\s*\w+\)$/, '$1')),
    ];
    expect(exprs.length).toBeGreaterThan(15);
    expect(unknownMetrics(exprs)).toEqual([]);
    // The overview table has what a kiosk row shows: last seen, version, printers, the outbox.
    const overview = allPanels(board.panels).find((panel) => panel.title === 'Kios');
    const read = new Set((overview?.targets ?? []).flatMap((target) => [...metricNames(target.expr)]));
    for (const name of ['adm:kiosk_last_seen_timestamp_seconds', 'adm_info', 'adm_printer_status', 'adm_outbox_requests', 'adm_outbox_oldest_pending_seconds']) {
      expect(read).toContain(name);
    }
  });
});

describe('the dashboard\'s sessions per day', () => {
  it('stacks online and offline sign-ins, and draws abandoned sessions beside them: they are already counted in those', () => {
    interface Override { matcher: { id: string; options: string }; properties: Array<{ id: string; value: unknown }> }
    interface RawPanel { title: string; panels?: RawPanel[]; fieldConfig?: { defaults: { custom?: { stacking?: { mode: string } } }; overrides: Override[] } }
    const flatten = (panels: RawPanel[]): RawPanel[] => panels.flatMap((panel) => [panel, ...flatten(panel.panels ?? [])]);
    const board = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: RawPanel[] };
    const sessions = flatten(board.panels).find((panel) => panel.title === 'Sesi warga per hari');
    expect(sessions?.fieldConfig?.defaults.custom?.stacking?.mode).toBe('normal');
    const abandoned = sessions?.fieldConfig?.overrides.find((o) => o.matcher.id === 'byName' && o.matcher.options === 'abandoned');
    expect(abandoned?.properties).toContainEqual({ id: 'custom.stacking', value: expect.objectContaining({ mode: 'none' }) });
  });
});

describe('reading metric names out of PromQL', () => {
  it('keeps metrics and drops functions, labels, strings, ranges, variables and keywords', () => {
    const expr = `sum by (letter) (increase(adm_letters_submitted_total{kecamatan=~"$kecamatan", x="up"}[1d] offset 5m))
      / on(kiosk_id) group_left(version) max_over_time(adm:kiosk_last_seen_timestamp_seconds[$__range]) > 1e9 # adm_info
      and ignoring(state) label_replace(up == 0, "dst", "$1", "src", "(.*)") unless bool ALERTS`;
    expect([...metricNames(expr)].sort()).toEqual(['ALERTS', 'adm:kiosk_last_seen_timestamp_seconds', 'adm_letters_submitted_total', 'up']);
  });
});
