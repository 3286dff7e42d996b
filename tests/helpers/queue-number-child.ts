/**
 * Child process for the queue-number tests: reserves numbers in a loop, each
 * with a print job in the same transaction, printing each committed number.
 * Usage: node child.cjs <db file> <count> <iso date>
 */
import BetterSqlite3 from 'better-sqlite3';
import { reserveQueueNumber } from '../../src/main/printing/queue-numbers';

const [file, count, when] = process.argv.slice(2);
const db = new BetterSqlite3(file!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 10000');
const insert = db.prepare("INSERT INTO print_job (kind, queue_number, created_at) VALUES ('queue-ticket', ?, 'now')");
for (let i = 0; i < Number(count); i++) {
  const number = db.transaction(() => {
    const reserved = reserveQueueNumber(db, { kioskName: 'ADM-01', prefix: 'A', now: new Date(when!), timeZone: 'Asia/Jakarta' });
    insert.run(reserved);
    return reserved;
  }).immediate();
  process.stdout.write(`${number}\n`);
}
db.close();
