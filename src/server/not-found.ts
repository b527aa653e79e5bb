/**
 * The answer to a path that is neither an API mount, the admin API nor the dashboard: a JSON 404 that says
 * what is there, so a client with a wrong base URL (`/api/v1/…` without its mount) learns where to go.
 */
import { API_NAMES, mountPath } from '../apis.ts';
import { ADMIN_MOUNT } from '../core/flowmock-core.ts';

export interface NotFoundBody {
  readonly error: 'not_found';
  readonly message: string;
  /** Each API's mount, and the admin API's. */
  readonly mounts: Readonly<Record<string, string>>;
}

/** The longest part of the client's path echoed back in the message. */
const MAX_ECHOED = 200;

export function notFoundBody(method: string, path: string): NotFoundBody {
  const mounts = Object.fromEntries([...API_NAMES.map((api) => [api, mountPath(api)]), ['admin', ADMIN_MOUNT]]);
  const shown = path.length > MAX_ECHOED ? `${path.slice(0, MAX_ECHOED)}…` : path;
  const apis = API_NAMES.map((api) => mountPath(api));
  return {
    error: 'not_found',
    message: `Nothing at ${method} ${shown}. The APIs are at ${apis.slice(0, -1).join(', ')} and ${apis.at(-1)} (each vendor's paths below its mount, ` +
      `e.g. /onepin/api/v1/workflows/{id}/runs/summary), the admin API at ${ADMIN_MOUNT} (${ADMIN_MOUNT}/health, ${ADMIN_MOUNT}/fixtures; ` +
      `its reference at ${ADMIN_MOUNT}/docs) and the dashboard at /.`,
    mounts,
  };
}
