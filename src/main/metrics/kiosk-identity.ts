/**
 * Who this kiosk is in the kabupaten's fleet monitoring: the technician's
 * `kiosk.id` and the village's codes. Each of the village's fields comes from
 * config.json when the technician wrote it there, else from the village
 * profile the server last gave (`profil-desa`), else it is "unset": a fleet
 * view shows the gap instead of a guess. These values become metric labels
 * (`adm_info`) and the Prometheus agent's external labels, so each is
 * bounded: one short word per kiosk.
 */
import type { KioskConfig } from '../config/schema';
import type { VillageProfile } from '../village/types';

/** The label value of a part of the identity nobody has given. */
export const UNSET = 'unset';

export interface KioskIdentity {
  kioskId: string;
  kodeDesa: string;
  kecamatan: string;
  kabupaten: string;
}

/** Where each part came from, for the admin screen ("dari server"). */
export type IdentitySource = 'config' | 'server' | 'unset';

export interface KioskIdentityView {
  identity: KioskIdentity;
  sources: { [K in keyof KioskIdentity]: IdentitySource };
}

/** Longest label value taken from the server's profile (the config's own fields are held to 60 by the schema). */
const MAX_NAME = 60;

export function kioskIdentityView(config: Pick<KioskConfig, 'kiosk' | 'village'>, profile: VillageProfile | null): KioskIdentityView {
  const pick = (configured: string | null, fromServer: string | null | undefined): [string, IdentitySource] => {
    if (configured) return [configured, 'config'];
    const served = fromServer?.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
    return served ? [served, 'server'] : [UNSET, 'unset'];
  };
  const [kioskId, kioskIdSource] = config.kiosk.id ? [config.kiosk.id, 'config' as const] : [UNSET, 'unset' as const];
  const [kodeDesa, kodeDesaSource] = pick(config.village.code, profile?.villageCode);
  const [kecamatan, kecamatanSource] = pick(config.village.kecamatan, profile?.districtName);
  const [kabupaten, kabupatenSource] = pick(config.village.kabupaten, profile?.regencyName);
  return {
    identity: { kioskId, kodeDesa, kecamatan, kabupaten },
    sources: { kioskId: kioskIdSource, kodeDesa: kodeDesaSource, kecamatan: kecamatanSource, kabupaten: kabupatenSource },
  };
}

export function kioskIdentity(config: Pick<KioskConfig, 'kiosk' | 'village'>, profile: VillageProfile | null): KioskIdentity {
  return kioskIdentityView(config, profile).identity;
}
