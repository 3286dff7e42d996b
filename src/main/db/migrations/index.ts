import { auditLog } from './001-audit-log';
import type { Migration } from './types';

/** Every migration, in order. Append new files here. */
export const migrations: readonly Migration[] = [auditLog];
