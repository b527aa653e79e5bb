/**
 * The API reference at `/__mock/docs`: Swagger UI (swagger-ui-dist, served from this server) rendering one of
 * the six specs at a time, each with its server set to its mount here (the server rewrites `servers`), so
 * "Try it out" calls this server. A working token is pre-filled: a workspace token from /__mock/fixtures on
 * the vendor specs, the admin token on the admin spec. When the server wants an admin token, the page reads
 * /__mock only once the tab has it (entered on the dashboard, kept in session storage); until then the
 * reference renders without a pre-filled token.
 */
import { API_NAMES } from '../apis.ts';
import type { components } from '../generated/admin.ts';
import { admin, adminTokenRequired, storedAdminToken, useAdminToken } from './http.ts';

type Fixtures = components['schemas']['Fixtures'];

interface SwaggerUi {
  preauthorizeApiKey(scheme: string, value: string): void;
  specSelectors: { specJson(): { toJS(): { components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> } } } };
}

declare const SwaggerUIBundle: ((options: Record<string, unknown>) => SwaggerUi) & { presets: { apis: unknown } };

const SPECS = [...API_NAMES, 'admin'] as const;
const TITLES: Record<(typeof SPECS)[number], string> = { alloy: 'Alloy', stackai: 'StackAI', onepin: 'OnePin', b3os: 'B3OS', multiplai: 'Multiplai', admin: 'Admin (/__mock)' };

const requested = new URLSearchParams(location.search).get('spec');
const spec = SPECS.find((name) => name === requested) ?? 'onepin';
const note = document.getElementById('token-note') as HTMLElement;
const nav = document.getElementById('specs') as HTMLElement;
for (const name of SPECS) {
  const link = document.createElement('a');
  link.href = `/__mock/docs?spec=${name}`;
  link.textContent = TITLES[name];
  if (name === spec) link.setAttribute('aria-current', 'page');
  nav.append(link);
}
document.title = `${TITLES[spec]} · flowmock API reference`;

const ui = SwaggerUIBundle({
  url: `/__mock/docs/specs/${spec}.json`,
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: false,
  tryItOutEnabled: true,
  validatorUrl: null,
  persistAuthorization: false,
  defaultModelsExpandDepth: 0,
  onComplete: () => void prefill(),
});

/** Pre-fills a working token for every bearer scheme of the spec (once the page may read /__mock). */
async function prefill(): Promise<void> {
  const adminToken = storedAdminToken();
  if (adminTokenRequired() && adminToken === undefined) {
    note.textContent = 'This server has an admin token: enter it on the dashboard (this tab) to have a working token pre-filled here.';
    return;
  }
  useAdminToken(adminToken);
  let token: string | undefined;
  let who: string;
  if (spec === 'admin') {
    token = adminToken;
    who = token === undefined ? 'no token needed from this machine' : 'the admin token';
  } else {
    const fixtures = await admin<Fixtures>('GET', '/fixtures');
    const workspace = fixtures.workspaces[0];
    token = workspace?.tokens[0];
    who = workspace === undefined ? 'this scenario has no workspace' : `a token of workspace "${workspace.name}" (${workspace.id})`;
  }
  const schemes = ui.specSelectors.specJson().toJS().components?.securitySchemes ?? {};
  if (token !== undefined) {
    for (const [name, scheme] of Object.entries(schemes)) if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') ui.preauthorizeApiKey(name, token);
  }
  note.textContent = `Served by this flowmock; "Try it out" calls it. Pre-filled: ${who}.`;
  note.dataset.prefilled = token === undefined ? 'none' : 'token';
}
