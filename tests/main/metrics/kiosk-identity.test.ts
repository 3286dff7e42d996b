import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/main/config/schema';
import { kioskIdentityView, UNSET } from '../../../src/main/metrics/kiosk-identity';
import type { VillageProfile } from '../../../src/main/village/types';

const profile: VillageProfile = {
  villageName: 'Sukamaju',
  villageTerm: 'Desa',
  villageCode: '3201012001',
  districtName: 'Cibinong',
  regencyName: 'Kabupaten  Bogor\n',
  officeAddress: null,
  logoUrl: null,
  operatorPhone: null,
  gallery: [],
};

describe('kioskIdentityView', () => {
  it('is unset throughout before a technician or a server said anything', () => {
    const view = kioskIdentityView(defaultConfig(), null);
    expect(view.identity).toEqual({ kioskId: UNSET, kodeDesa: UNSET, kecamatan: UNSET, kabupaten: UNSET });
    expect(Object.values(view.sources)).toEqual(['unset', 'unset', 'unset', 'unset']);
  });

  it("takes the village's codes from the server's profile, tidied", () => {
    const view = kioskIdentityView(defaultConfig(), profile);
    expect(view.identity).toEqual({ kioskId: UNSET, kodeDesa: '3201012001', kecamatan: 'Cibinong', kabupaten: 'Kabupaten Bogor' });
    expect(view.sources).toEqual({ kioskId: 'unset', kodeDesa: 'server', kecamatan: 'server', kabupaten: 'server' });
  });

  it('prefers what the technician wrote in config.json', () => {
    const config = defaultConfig();
    config.kiosk.id = 'sukamaju-01';
    config.village.code = '3201012002';
    config.village.kecamatan = 'Cibinong Barat';
    const view = kioskIdentityView(config, profile);
    expect(view.identity).toEqual({ kioskId: 'sukamaju-01', kodeDesa: '3201012002', kecamatan: 'Cibinong Barat', kabupaten: 'Kabupaten Bogor' });
    expect(view.sources).toEqual({ kioskId: 'config', kodeDesa: 'config', kecamatan: 'config', kabupaten: 'server' });
  });

  it("cuts a server's overlong name to a bounded label", () => {
    const view = kioskIdentityView(defaultConfig(), { ...profile, districtName: 'x'.repeat(500) });
    expect(view.identity.kecamatan).toHaveLength(60);
  });

  it("keeps a hostile server's names to one plain line: no terminal escape, control or invisible character, no half a character", () => {
    const view = kioskIdentityView(defaultConfig(), {
      ...profile,
      // An escape sequence that would clear the technician's terminal as `adm fleet agent-config` prints the identity.
      districtName: '\u001b[2J\u001b[HCibinong\u0000\u0007\u0085Barat\u200b\u2028\ufeff\u202e',
      // 59 letters, then an emoji (two UTF-16 units) across the 60-character cut; a lone surrogate.
      regencyName: `${'b'.repeat(59)}😀\ud800tail`,
    });
    expect(view.identity.kecamatan).toBe('[2J [HCibinong Barat');
    expect(view.identity.kabupaten).toBe(`${'b'.repeat(59)}😀`);
    expect(JSON.stringify(view.identity)).not.toMatch(/\\u[0-9a-f]{4}/); // JSON escapes nothing left in it
  });

  it("tidies the technician's own names the same way", () => {
    const config = defaultConfig();
    config.village.kecamatan = 'Cibinong\nBarat\u001b';
    config.village.kabupaten = '\u200b';
    const view = kioskIdentityView(config, profile);
    expect(view.identity).toMatchObject({ kecamatan: 'Cibinong Barat', kabupaten: 'Kabupaten Bogor' });
    expect(view.sources).toMatchObject({ kecamatan: 'config', kabupaten: 'server' });
  });
});
