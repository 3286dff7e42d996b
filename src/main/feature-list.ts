/**
 * The kiosk's features, in start order: the resident ones, then the admin
 * ones. The core registers each with the context of its half and disposes
 * them in reverse.
 */
import type { AdminFeature, ResidentFeature } from './feature';
import { registerAdmin } from './features/admin';
import { registerAdminSettings } from './features/admin-settings';
import { registerAdminPrinter } from './features/admin-printer';
import { registerAdminOutbox } from './features/admin-outbox';
import { registerAdminSecurity } from './features/admin-security';
import { registerAdminRecords } from './features/admin-records';
import { registerAdminReaders } from './features/admin-readers';
import { registerAdminServer } from './features/admin-server';
import { registerAttractContent } from './features/attract-content';
import { registerKioskInfo } from './features/kiosk-info';
import { registerResidentSession } from './features/resident-session';
import { registerLetters } from './features/letters';
import { registerRequests } from './features/requests';
import { registerVillageInfo } from './features/village-info';
import { registerPrinting } from './features/printing';
import { registerVoice } from './features/voice';
import { registerDailyRestart } from './features/daily-restart';
import { registerReaderInput } from './features/reader-input';
import { registerSignedLetters } from './features/signed-letters';
import { registerAdminLetterPrinter } from './features/admin-letter-printer';

export const RESIDENT_FEATURES: readonly ResidentFeature[] = [
  registerKioskInfo,
  registerAttractContent,
  registerResidentSession,
  registerLetters,
  registerRequests,
  registerSignedLetters,
  registerVillageInfo,
  registerPrinting,
  registerReaderInput,
  registerVoice,
  registerDailyRestart,
];
export const ADMIN_FEATURES: readonly AdminFeature[] = [
  registerAdmin,
  registerAdminSettings,
  registerAdminPrinter,
  registerAdminLetterPrinter,
  registerAdminOutbox,
  registerAdminSecurity,
  registerAdminRecords,
  registerAdminServer,
  registerAdminReaders,
];
