import { auditLog } from './001-audit-log';
import { letterRequests } from './002-letter-requests';
import { printing } from './003-printing';
import { exactlyOnce } from './004-exactly-once';
import { officePhone } from './005-office-phone';
import { cardHints } from './006-card-hints';
import { admin } from './007-admin';
import { candidates } from './008-candidates';
import { siblingIndex } from './009-sibling-index';
import { sealedCardHints } from './010-sealed-card-hints';
import { letterPrints } from './011-letter-prints';
import type { Migration } from './types';

/** Every migration, in order. Append new files here. */
export const migrations: readonly Migration[] = [auditLog, letterRequests, printing, exactlyOnce, officePhone, cardHints, admin, candidates, siblingIndex, sealedCardHints, letterPrints];
