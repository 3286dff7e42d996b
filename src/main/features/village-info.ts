/**
 * `village.info` for "Informasi Desa": the cached village profile and the
 * village's news. The API has no public article endpoint, so articles are
 * fetched with a signed-in resident's token, sanitised, and cached for
 * sessions that are offline; the answer says when it is the cached copy, so
 * the screen can say how old the news is.
 */
import { ok } from '../../shared/result';
import type { Dispose, ResidentContext } from '../feature';
import { sanitizeArticle } from '../village/sanitize-article';

/** What this feature is handed by the composition root. */
export type VillageInfoContext = Pick<ResidentContext, 'handle' | 'log' | 'references' | 'session' | 'village'>;

export const registerVillageInfo = (ctx: VillageInfoContext): Dispose => {
  const log = ctx.log('village-info');

  ctx.handle('village.info', async () => {
    const session = ctx.session.current();
    const village = ctx.village();
    let fetchedNow = false;
    if (session?.mode === 'online' && village) {
      const fetched = await village.articles(session.token);
      fetchedNow = fetched.ok;
      if (fetched.ok) {
        ctx.references.saveArticles(
          fetched.value.map((a) => ({ id: a.id, title: a.title, html: sanitizeArticle(a.html), createdAt: a.createdAt, imageUrl: a.imageUrl })),
        );
      } else {
        log.info({ error: fetched.error.kind }, 'articles not fetched; showing the cached ones');
      }
    }
    const profile = ctx.references.profile()?.value ?? null;
    const articles = ctx.references.articles();
    return ok({
      profile: profile && {
        title: `${profile.villageTerm} ${profile.villageName}`,
        officeAddress: profile.officeAddress,
        district: profile.districtName,
        regency: profile.regencyName,
        operatorPhone: profile.operatorPhone,
      },
      articles: articles?.value ?? [],
      articlesFetchedAt: articles?.fetchedAt ?? null,
      articlesFromCache: !fetchedNow,
    });
  });

  return () => {};
};
