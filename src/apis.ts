/** The five vendor APIs flowmock serves, each mounted below `/<name>` (product design §4, pinned). */
export const API_NAMES = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai'] as const;

export type ApiName = (typeof API_NAMES)[number];

export function mountPath(api: ApiName): string {
  return `/${api}`;
}
