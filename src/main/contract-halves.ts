/**
 * The two halves of the contract, each a dispatcher (`dispatcher.ts`) over its
 * table: the resident's calls with no guard, and the technician's calls behind
 * an admin session (except the public ones that open it).
 */
import type { Logger } from 'pino';
import { adminCalls, isAdminCallName, PUBLIC_ADMIN_CALLS } from '../shared/admin-contract';
import { calls, isCallName } from '../shared/contract';
import { adminSessionGuard, type AdminSessions } from './admin/admin-sessions';
import { createDispatcher, NO_GUARD } from './dispatcher';

export function createResidentDispatcher(log: Logger) {
  return createDispatcher({
    table: calls,
    isName: isCallName,
    guard: NO_GUARD,
    publicNames: new Set<never>(),
    unknownMessage: 'unknown call refused',
    log,
  });
}

export function createAdminDispatcher(sessions: AdminSessions, log: Logger) {
  return createDispatcher({
    table: adminCalls,
    isName: isAdminCallName,
    guard: adminSessionGuard(sessions),
    publicNames: PUBLIC_ADMIN_CALLS,
    unknownMessage: 'unknown admin call refused',
    log,
  });
}
