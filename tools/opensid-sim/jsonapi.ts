/**
 * JSON:API bodies as OpenSID's Fractal serializer writes them: `data.id` is
 * always a string, paginated collections carry `meta.pagination` and absolute
 * `links` whose brackets are not percent-encoded.
 */

export interface Resource {
  type: string;
  id: number | string;
  attributes: Record<string, unknown>;
}

export function item(resource: Resource) {
  return { data: serialize(resource) };
}

export function collection(resources: Resource[]) {
  return { data: resources.map(serialize) };
}

function serialize(resource: Resource) {
  return { type: resource.type, id: String(resource.id), attributes: resource.attributes };
}

export interface PageRequest {
  number: number;
  size: number;
}

export function readPage(query: URLSearchParams): PageRequest {
  const number = Math.max(1, Number.parseInt(query.get('page[number]') ?? '1', 10) || 1);
  const size = Math.min(100, Math.max(1, Number.parseInt(query.get('page[size]') ?? '15', 10) || 15));
  return { number, size };
}

/** One page of `items`; only that page is turned into resources (`toResource`), as a database would only read that page. */
export function paginated<T>(items: T[], page: PageRequest, baseUrl: string, query: URLSearchParams, toResource: (item: T) => Resource = (item) => item as Resource) {
  const resources = items;
  const total = resources.length;
  const totalPages = Math.max(1, Math.ceil(total / page.size));
  const slice = resources.slice((page.number - 1) * page.size, page.number * page.size);
  const link = (number: number): string => {
    const params: string[] = [];
    for (const [key, value] of query) if (!key.startsWith('page[')) params.push(`${key}=${encodeURIComponent(value)}`);
    params.push(`page[number]=${number}`, `page[size]=${page.size}`);
    return `${baseUrl}?${params.join('&')}`;
  };
  const links: Record<string, string> = { self: link(page.number), first: link(1) };
  if (page.number > 1) links.prev = link(page.number - 1);
  if (page.number < totalPages) links.next = link(page.number + 1);
  links.last = link(totalPages);
  return {
    data: slice.map((item) => serialize(toResource(item))),
    meta: {
      pagination: { total, count: slice.length, per_page: page.size, current_page: page.number, total_pages: totalPages },
    },
    links,
  };
}

/** `filter[x]` and `sort` checked the way spatie/laravel-query-builder does. */
export function checkQuery(
  query: URLSearchParams,
  allowedFilters: string[],
  allowedSorts: string[],
): { ok: true; filters: Map<string, string>; sort: string | null } | { ok: false; message: string } {
  const filters = new Map<string, string>();
  const unknownFilters: string[] = [];
  for (const [key, value] of query) {
    const match = /^filter\[(.+)\]$/.exec(key);
    if (!match) continue;
    if (allowedFilters.includes(match[1]!)) filters.set(match[1]!, value);
    else unknownFilters.push(match[1]!);
  }
  if (unknownFilters.length > 0) {
    return {
      ok: false,
      message: `Requested filter(s) \`${unknownFilters.join(', ')}\` are not allowed. Allowed filter(s) are \`${allowedFilters.join(', ')}\`.`,
    };
  }
  const sort = query.get('sort');
  if (sort !== null) {
    const unknown = sort.split(',').filter((s) => !allowedSorts.includes(s.replace(/^-/, '')));
    if (unknown.length > 0) {
      return {
        ok: false,
        message: `Requested sort(s) \`${unknown.join(', ')}\` is not allowed. Allowed sort(s) are \`${allowedSorts.join(', ')}\`.`,
      };
    }
  }
  return { ok: true, filters, sort };
}
