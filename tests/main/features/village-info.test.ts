import { afterEach, describe, expect, it } from 'vitest';
import { RESIDENTS } from '../../../tools/opensid-sim/seed';
import { coreWithSim } from '../../helpers/core-with-sim';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let close: () => Promise<void> = async () => {};
afterEach(async () => close());

describe('village information', () => {
  it('shows sanitised news fetched in a session, without comments, and the cached profile; offline the cached news, said to be cached', async () => {
    const rig = await coreWithSim(tempDir());
    close = rig.close;
    rig.core.startBackground(); // fetches the village profile
    await expect.poll(() => rig.core.db.prepare("SELECT count(*) FROM reference_cache WHERE key = 'profile'").pluck().get()).toBe(1);
    await rig.core.invoke('session.identify', { nik: RESIDENTS[0]!.nik, pin: RESIDENTS[0]!.pin });
    const online = await rig.core.invoke('village.info', {});
    expect(online.ok).toBe(true);
    if (!online.ok) return;
    const value = online.value as { profile: { title: string }; articles: Array<{ title: string; html: string }> };
    expect(value.profile.title).toBe('Desa Sukamaju');
    expect(value.articles.map((a) => a.title)).toEqual(['Kerja Bakti Bersih Desa', 'Jadwal Posyandu Bulan Ini']);
    expect(online.value).toMatchObject({ articlesFromCache: false });
    const fetchedAt = (online.value as { articlesFetchedAt: string }).articlesFetchedAt;
    const everything = JSON.stringify(online.value);
    expect(everything).not.toContain('<script');
    expect(everything).not.toContain('onerror');
    expect(everything).not.toContain('warga@contoh.invalid');

    // The server goes away during the session: the stored copy, said to be one.
    await rig.sim.setDown(true);
    expect(await rig.core.invoke('village.info', {})).toMatchObject({ ok: true, value: { articlesFromCache: true, articlesFetchedAt: fetchedAt } });
    await rig.core.invoke('session.end', { reason: 'done' });
    await rig.core.invoke('session.identify', { nik: RESIDENTS[0]!.nik, pin: RESIDENTS[0]!.pin });
    const offline = await rig.core.invoke('village.info', {});
    // Said to be the stored copy, with when it was fetched.
    expect(offline).toMatchObject({
      ok: true,
      value: { articles: [{ title: 'Kerja Bakti Bersih Desa' }, { title: 'Jadwal Posyandu Bulan Ini' }], articlesFromCache: true, articlesFetchedAt: fetchedAt },
    });
  });
});
