// Placeholder with the agreed signature; replaced by the real watcher.
import type { LetterPrintState } from '../../shared/signed-letters';
import type { DocumentPrinter } from './types';

export interface WatchOptions {
  pollMs?: number;
  timeoutMs: number;
  onState(state: LetterPrintState): void;
  signal?: AbortSignal;
}

export async function watchPrintJob(printer: DocumentPrinter, queue: string, jobId: number, options: WatchOptions): Promise<LetterPrintState> {
  const info = await printer.job(queue, jobId);
  const state: LetterPrintState = info.state === 'completed' ? { phase: 'completed' } : { phase: 'failed', reason: 'unknown' };
  options.onState(state);
  return state;
}
