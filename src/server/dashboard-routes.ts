/**
 * The demo's pages, served beside the APIs (docs/dashboard.md):
 * - `GET /`: the dashboard, a client of the five APIs and the admin API like any other page (its code in
 *   src/dashboard/, bundled by scripts/build-dashboard.ts into dist/dashboard/);
 * - `GET /__mock/docs`: the six specs' reference (Swagger UI), which renders without the admin token, and
 *   `GET /__mock/docs/specs/NAME.json`, each spec with its server set to its mount on this server;
 * - `/dashboard-assets/…`: their scripts and styles.
 *
 * Mounted before the core (src/server/app.ts): `/__mock/docs` is answered here, every other `/__mock` path
 * keeps the admin API's protection. The pages hold no secret: the page asks for the admin token itself
 * when the server has one (a meta tag says whether), and the specs are public.
 *
 * Every page is sent with a Content-Security-Policy that allows scripts from this origin only (no inline
 * script, no eval) and nothing from another origin: the dashboard needs nothing else; Swagger UI also
 * needs inline styles and data: images (its icons), and only the docs page allows them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import { mountPath, type ApiName } from '../apis.ts';
import { SPEC_NAMES, type SpecName } from '../openapi/spec-document.ts';
import type { FlowmockCore } from '../core/flowmock-core.ts';
import { ownDocuments } from '../openapi/own-documents.ts';

/** Where scripts/build-dashboard.ts writes the pages (right from src/server/ and from dist/server/ alike). */
export const DASHBOARD_ASSETS_DIR = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));
export const ASSETS_PATH = '/dashboard-assets';
export const DOCS_PATH = '/__mock/docs';

const COMMON_CSP = ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "font-src 'self'", "manifest-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"];
export const DASHBOARD_CSP = [...COMMON_CSP, "style-src 'self'", "img-src 'self' data:"].join('; ');
export const DOCS_CSP = [...COMMON_CSP, "style-src 'self' 'unsafe-inline'", "img-src 'self' data:"].join('; ');


export interface DashboardRoutesOptions {
  /** Where the built pages are (default: dist/dashboard/). */
  readonly assetsDir?: string;
}

export function dashboardRoutes(core: FlowmockCore, { assetsDir = DASHBOARD_ASSETS_DIR }: DashboardRoutesOptions = {}): Router {
  const router = express.Router({ caseSensitive: true, strict: false });
  // Whether the admin API wants a token: the page must ask for it before its first /__mock request.
  const { adminTokenRequired } = core;
  const page = (file: string, csp: string) => (_req: Request, res: Response) => {
    const path = join(assetsDir, file);
    securityHeaders(res, csp);
    if (!existsSync(path)) {
      res.status(503).type('text/plain').send('The dashboard is not built: run `npm run build` (or `npx tsx scripts/build-dashboard.ts`) and reload.\n');
      return;
    }
    // Read on each request (a few kB): a rebuilt page shows without a restart.
    const html = readFileSync(path, 'utf8').replaceAll('%ADMIN_TOKEN%', adminTokenRequired ? 'required' : 'none');
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(html);
  };
  router.get('/', page('index.html', DASHBOARD_CSP));
  router.get(DOCS_PATH, page('docs.html', DOCS_CSP));
  router.get(`${DOCS_PATH}/specs/:file`, (req, res, next) => {
    const name = /^(.+)\.json$/.exec(req.params.file ?? '')?.[1];
    if (name === undefined || !(SPEC_NAMES as readonly string[]).includes(name)) return next();
    securityHeaders(res, DOCS_CSP);
    res.setHeader('cache-control', 'no-store');
    res.json(specForThisServer(name as SpecName));
  });
  router.use(ASSETS_PATH, express.static(assetsDir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      securityHeaders(res, path.includes('swagger') || path.includes('docs') ? DOCS_CSP : DASHBOARD_CSP);
      res.setHeader('cache-control', 'no-cache');
    },
  }));
  return router;
}

/** A spec as this server serves it: its one server is its mount here (relative, so any host name works). */
function specForThisServer(name: SpecName): Record<string, unknown> {
  const document = ownDocuments().document(name);
  const url = name === 'admin' ? '/' : mountPath(name as ApiName);
  return { ...document, servers: [{ url, description: 'this flowmock server' }] };
}

function securityHeaders(res: { setHeader(name: string, value: string): unknown }, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}
