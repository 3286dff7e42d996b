/** Entry point of the `adm` command (bundled to dist/main/cli.cjs). */
import { runCli } from './cli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`adm: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
