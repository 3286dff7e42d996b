/**
 * `adm demo-server` / `node dist/tools/opensid-sim.cjs [--port P]`: the demo
 * village server on its own, for demos and for pointing a kiosk at by hand.
 * Operator controls: GET /_sim/requests, POST /_sim/requests/<id>/status
 * {"status":0-5}, PUT /_sim/faults {...}, POST /_sim/reset.
 */
import { parseArgs } from 'node:util';
import { startOpensidSim } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' } } });
  const sim = await startOpensidSim({ port: Number(values.port), host: values.host });
  process.stdout.write(`Demo village server (DEMO DATA ONLY) listening on ${sim.url}\n`);
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo server failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
