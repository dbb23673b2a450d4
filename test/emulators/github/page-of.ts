/** A list answer as GitHub pages it: `per_page` (default 30, at most 100) and `page`, linked by a `Link` header. */
export function pageOf<T>(
  all: readonly T[],
  query: URLSearchParams,
  url: string,
  toJson: (item: T) => unknown,
): { status: number; body: unknown; headers?: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30)));
  const page = Math.max(1, Number(query.get('page') ?? 1));
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const body = all.slice((page - 1) * perPage, page * perPage).map(toJson);
  const link = (p: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `<${url}?${q.toString()}>`;
  };
  const links = [
    ...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []),
    ...(page > 1 ? [`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`] : []),
  ];
  return { status: 200, body, ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
}
