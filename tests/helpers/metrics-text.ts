/**
 * The Prometheus text format as a test reads it: every sample by its series
 * (`name{label="value",...}` with the labels sorted), and the values one
 * label takes in one metric.
 */
export type Samples = Map<string, number>;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseSamples(body: string): Samples {
  const samples: Samples = new Map();
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = [...(match[2] ?? '').matchAll(LABEL)].map(([, name, value]) => `${name}="${value}"`).sort();
    samples.set(series(match[1]!, labels), Number(match[3]));
  }
  return samples;
}

/** The key of one series: `series('adm_outbox_requests', ['state="pending"'])`. */
export function series(name: string, labels: readonly string[] = []): string {
  return labels.length === 0 ? name : `${name}{${[...labels].sort().join(',')}}`;
}

/** A sample's value by name and labels (`{ state: 'pending' }`), or undefined when the series is absent. */
export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.get(series(name, Object.entries(labels).map(([key, value]) => `${key}="${value}"`)));
}

/** Every value `label` takes in the series of `name`. */
export function labelValues(samples: Samples, name: string, label: string): string[] {
  const values = new Set<string>();
  for (const key of samples.keys()) {
    if (key !== name && !key.startsWith(`${name}{`)) continue;
    const found = new RegExp(`${label}="((?:[^"\\\\]|\\\\.)*)"`).exec(key);
    if (found) values.add(found[1]!);
  }
  return [...values];
}
