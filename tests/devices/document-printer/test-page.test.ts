import { describe, expect, it } from 'vitest';
import { makeTestPage, TEST_PAGE_TITLE } from '../../../src/devices/document-printer/test-page';
import { readPdf } from '../../helpers/pdf-text';

describe('makeTestPage', () => {
  it('is one A4 page naming the kiosk, the queue, the paper and the time', async () => {
    const pdf = await makeTestPage({ kioskName: 'Kios Balai Desa Sukamaju', queue: 'Surat', media: 'A4', at: new Date(2026, 2, 14, 9, 5) });
    const reading = await readPdf(pdf);
    expect(reading.pages).toBe(1);
    expect(reading.sizes[0]).toEqual([595, 842]);
    const text = reading.texts[0]!;
    for (const expected of [TEST_PAGE_TITLE, 'Kios Balai Desa Sukamaju', 'Surat', 'A4', '2026-03-14 09:05', '10 mm']) expect(text).toContain(expected);
  });

  it('transliterates a kiosk name the standard fonts cannot draw', async () => {
    const pdf = await makeTestPage({ kioskName: 'Kios Désa 北', queue: 'Surat', media: 'A4', at: new Date() });
    expect((await readPdf(pdf)).texts[0]).toContain('Kios Desa Bei');
  });
});
