/**
 * The Express application: CORS, the admin API under `/__mock` and (next) the five vendor APIs, each
 * below its mount. It is an adapter around the domain's MockState and holds no state of its own.
 */
import cors from 'cors';
import express, { type Express } from 'express';
import { adminRouter } from '../admin/router.ts';
import type { MockState } from '../domain/mock-state.ts';

export interface AppOptions {
  /** Allowed origins for CORS: `true` for any (the default: front-ends call it from a browser), false for none. */
  readonly corsOrigins?: boolean | string[];
}

export function createApp(state: MockState, { corsOrigins = true }: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (corsOrigins !== false) app.use(cors({ origin: corsOrigins, exposedHeaders: ['x-request-id'], maxAge: 600 }));
  app.use('/__mock', adminRouter(state));
  return app;
}
