// `npm start`: the kiosk in Electron. The `electron` package downloads its
// runtime on first use; where that is impossible we say so and point to the
// web host, which runs the same kiosk in a system Chromium.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electron;
try {
  electron = require('electron');
} catch (error) {
  console.error(`The Electron runtime is not installed and could not be fetched (${error.message.split('\n')[0]}).`);
  console.error('Run the same kiosk in a browser instead:  npm run start:web -- --open');
  process.exit(1);
}

const child = spawn(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
