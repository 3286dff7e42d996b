import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/renderer/i18n';
import { letterDisplayName } from '../../src/renderer/letter-name';

describe('letter names', () => {
  it('reads OpenSID\'s default letters naturally in English, and as the village writes them in Indonesian', () => {
    const en = createI18n('en').t;
    const id = createI18n('id').t;
    expect(letterDisplayName(en, 'Keterangan Domisili')).toBe('Certificate of residence');
    expect(letterDisplayName(en, 'Surat Pengantar SKCK')).toBe('Referral for a police certificate (SKCK)');
    expect(letterDisplayName(id, 'Keterangan Domisili')).toBe('Surat Keterangan Domisili');
    expect(letterDisplayName(id, 'Pengantar SKCK')).toBe('Surat Pengantar SKCK');
  });

  it('gives a letter the village added itself its server name', () => {
    expect(letterDisplayName(createI18n('en').t, 'Keterangan Tanah Garapan')).toBe('Letter: Keterangan Tanah Garapan');
    expect(letterDisplayName(createI18n('id').t, 'Surat Keterangan Tanah Garapan')).toBe('Surat Keterangan Tanah Garapan');
  });
});
