/** The `/__mock` admin API (specs/admin.yaml). */
import { Router } from 'express';
import type { MockState } from '../domain/mock-state.ts';
import { fixtures, health } from './health.ts';

export function adminRouter(state: MockState): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json(health(state));
  });
  router.get('/fixtures', (_req, res) => {
    res.json(fixtures(state));
  });
  return router;
}
