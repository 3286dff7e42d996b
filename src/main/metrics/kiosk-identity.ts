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
import type { FLEET_EXTERNAL_LABELS } from './metric-names';

/** The label value of a part of the identity nobody has given. */
export const UNSET = 'unset';

export interface KioskIdentity {
  kioskId: string;
  kodeDesa: string;
  kecamatan: string;
  kabupaten: string;
}

type FleetLabel = (typeof FLEET_EXTERNAL_LABELS)[number];

/** The label each part of the identity is published under: in `adm_info` and as the agent's external labels. */
export const IDENTITY_LABELS = {
  kioskId: 'kiosk_id',
  kodeDesa: 'kode_desa',
  kecamatan: 'kecamatan',
  kabupaten: 'kabupaten',
} as const satisfies { [K in keyof KioskIdentity]: FleetLabel };

/** The identity as labels and their values. */
export function identityLabels(identity: KioskIdentity): Record<FleetLabel, string> {
  return Object.fromEntries((Object.keys(IDENTITY_LABELS) as Array<keyof KioskIdentity>).map((part) => [IDENTITY_LABELS[part], identity[part]])) as Record<
    FleetLabel,
    string
  >;
}

/** Where each part came from, for the admin screen ("dari server"). */
export type IdentitySource = 'config' | 'server' | 'unset';

export interface KioskIdentityView {
  identity: KioskIdentity;
  sources: { [K in keyof KioskIdentity]: IdentitySource };
}

/** Longest label value (the config's own fields are held to 60 by the schema too). */
const MAX_NAME = 60;

export function kioskIdentityView(config: Pick<KioskConfig, 'kiosk' | 'village'>, profile: VillageProfile | null): KioskIdentityView {
  const pick = (configured: string | null, fromServer: string | null | undefined): [string, IdentitySource] => {
    const written = configured === null ? '' : plainName(configured);
    if (written) return [written, 'config'];
    const served = fromServer === null || fromServer === undefined ? '' : plainName(fromServer);
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

/**
 * A name as one plain line: control and format characters (a terminal escape would reach the
 * technician's screen through `adm fleet agent-config`), line breaks and runs of spaces become one space, a
 * lone surrogate is dropped, and it is cut at MAX_NAME characters, never inside one.
 */
function plainName(raw: string): string {
  const words = raw.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ').replace(/\p{Cs}/gu, '').trim();
  return Array.from(words).slice(0, MAX_NAME).join('').trim();
}

export function kioskIdentity(config: Pick<KioskConfig, 'kiosk' | 'village'>, profile: VillageProfile | null): KioskIdentity {
  return kioskIdentityView(config, profile).identity;
}
