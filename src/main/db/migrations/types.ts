import type { Database } from 'better-sqlite3';

/** One schema step. Additive only: never drop or rename what an older kiosk wrote. */
export interface Migration {
  /** 1, 2, 3 ... with no gaps; stored in `PRAGMA user_version`. */
  version: number;
  name: string;
  up(db: Database): void;
}
