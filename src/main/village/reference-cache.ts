/**
 * Reference data from the village server, kept in SQLite so every screen
 * works when the server is unreachable: the village profile and the letter
 * types with their forms. Letter forms are cached WITHOUT the resident's own
 * documents (those are per resident and only used within their session).
 */
import { z } from 'zod';
import type { Database } from '../db/database';
import type { LetterType, VillageProfile } from './types';

const letterSchema = z.object({
  id: z.number(),
  code: z.string().nullable(),
  name: z.string(),
  slug: z.string(),
  fields: z.array(
    z.object({
      type: z.string(),
      name: z.string(),
      label: z.string(),
      required: z.boolean(),
      placeholder: z.string().nullable(),
      options: z.array(z.object({ label: z.string(), value: z.string() })),
    }),
  ),
  requirements: z.array(z.object({ id: z.number(), name: z.string(), documents: z.array(z.object({ label: z.string(), value: z.string() })) })),
});

const profileSchema = z.object({
  villageName: z.string(),
  villageTerm: z.string(),
  // Written by versions before the fleet identity: no code.
  villageCode: z.string().nullable().default(null),
  districtName: z.string().nullable(),
  regencyName: z.string().nullable(),
  officeAddress: z.string().nullable(),
  logoUrl: z.string().nullable(),
  operatorPhone: z.string().nullable(),
  // Written by versions before the gallery: read as none.
  gallery: z.array(z.object({ name: z.string(), imageUrl: z.string() })).default([]),
});

export interface Cached<T> {
  value: T;
  fetchedAt: string;
}

const articlesSchema = z.array(
  z.object({ id: z.number(), title: z.string(), html: z.string(), createdAt: z.string(), imageUrl: z.string().nullable().default(null) }),
);
export type CachedArticle = z.infer<typeof articlesSchema>[number];

export type ReferenceKey = 'articles' | 'letters' | 'profile';

export interface ReferenceCache {
  /** Called after each save, with what was saved. */
  onSaved(listener: (key: ReferenceKey) => void): () => void;
  /** Already sanitised: only text formatting, never comments. */
  articles(): Cached<CachedArticle[]> | null;
  saveArticles(articles: CachedArticle[]): void;
  letters(): Cached<LetterType[]> | null;
  saveLetters(letters: LetterType[]): void;
  profile(): Cached<VillageProfile> | null;
  saveProfile(profile: VillageProfile): void;
}

export function createReferenceCache(db: Database, clock: () => Date = () => new Date()): ReferenceCache {
  const select = db.prepare('SELECT value_json, fetched_at FROM reference_cache WHERE key = ?');
  const upsert = db.prepare(
    `INSERT INTO reference_cache (key, value_json, fetched_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, fetched_at = excluded.fetched_at`,
  );

  const listeners = new Set<(key: ReferenceKey) => void>();
  function save(key: ReferenceKey, value: unknown): void {
    upsert.run(key, JSON.stringify(value), clock().toISOString());
    for (const listener of listeners) listener(key);
  }

  function read<T>(key: string, schema: z.ZodType<T>): Cached<T> | null {
    const row = select.get(key) as { value_json: string; fetched_at: string } | undefined;
    if (!row) return null;
    const parsed = schema.safeParse(JSON.parse(row.value_json));
    // A cache written by another version that no longer fits is simply absent.
    return parsed.success ? { value: parsed.data, fetchedAt: row.fetched_at } : null;
  }

  return {
    onSaved(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    articles: () => read('articles', articlesSchema),
    saveArticles(articles) {
      save('articles', articles);
    },
    letters: () => read('letters', z.array(letterSchema)),
    saveLetters(letters) {
      const shared = letters.map((letter) => ({
        ...letter,
        requirements: letter.requirements.map((r) => ({ ...r, documents: [] })),
      }));
      save('letters', shared);
    },
    profile: () => read('profile', profileSchema),
    saveProfile(profile) {
      save('profile', profile);
    },
  };
}
