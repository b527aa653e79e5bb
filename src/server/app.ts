/**
 * The Express application: CORS, the admin API under `/__mock` and (next) the five vendor APIs, each
 * below its mount. It is an adapter around the domain's MockState and holds no state of its own.
 */
import cors from 'cors';
import express, { type Express } from 'express';
import { parse as parseQuery } from 'qs';
import { adminRouter } from '../admin/router.ts';
import { alloyApi } from '../apis/alloy/api.ts';
import { b3osApi } from '../apis/b3os/api.ts';
import { multiplaiApi } from '../apis/multiplai/api.ts';
import { onepinApi } from '../apis/onepin/api.ts';
import { stackaiApi } from '../apis/stackai/api.ts';
import { vendorApis, type VendorApi } from '../apis/shared/vendor-router.ts';
import type { MockState } from '../domain/mock-state.ts';
import { journalMiddleware, RequestJournal } from './request-journal.ts';

const VENDOR_APIS: readonly VendorApi[] = [alloyApi, stackaiApi, onepinApi, b3osApi, multiplaiApi];

export interface AppOptions {
  /** Allowed origins for CORS: `true` for any (the default: front-ends call it from a browser), false for none. */
  readonly corsOrigins?: boolean | string[];
  /** Bearer token the admin API requires; without one it answers loopback clients only. */
  readonly adminToken?: string | undefined;
  readonly journal?: RequestJournal;
}

export function createApp(state: MockState, { corsOrigins = true, adminToken, journal = new RequestJournal() }: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Brackets (`filters[period]=7d`) as Multiplai's Laravel reads them, one level deep; no prototype keys.
  app.set('query parser', (text: string) =>
    parseQuery(text, { depth: 1, parameterLimit: 200, arrayLimit: 50, allowPrototypes: false, plainObjects: true }));
  if (corsOrigins !== false) {
    const corsMiddleware = cors({ origin: corsOrigins, exposedHeaders: ['x-request-id'], maxAge: 600 });
    // A request without Origin is not a browser's cross-origin call: only caches need telling the answer varies.
    // (This runs first, so there is no Vary to merge with: a plain header, not vary's parsing, on every request.)
    app.use((req, res, next) => {
      if (req.headers.origin !== undefined) return corsMiddleware(req, res, next);
      res.setHeader('vary', 'Origin');
      next();
    });
  }
  app.use(journalMiddleware(journal, () => state.clock.now()));
  app.use(vendorApis(VENDOR_APIS, state));
  app.use('/__mock', adminRouter(state, { journal, adminToken }));
  return app;
}
