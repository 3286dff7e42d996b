export type StartTarget = 'web' | 'electron';
export const REQUIRED_NODE: Record<StartTarget, { version: string; what: string }>;
/** Null when `actual` is at least the version `target` needs; otherwise the message for the technician. */
export function nodeVersionProblem(actual: string, target: StartTarget): string | null;
