/** The five vendor APIs flowmock serves, each mounted below `/<name>` (docs/apis.md#common-rules). */
export const API_NAMES = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai'] as const;

export type ApiName = (typeof API_NAMES)[number];

export function mountPath(api: ApiName): string {
  return `/${api}`;
}

/** The mount a request path is below: its first segment, lower-cased (mounts match without regard to case). */
export function mountOf(path: string): string {
  const slash = path.indexOf('/', 1);
  return (slash === -1 ? path : path.slice(0, slash)).toLowerCase();
}
