/**
 * A fingerprint of the whole dataset: every workspace, user, flow and run in a fixed order. Two loads of
 * the same scenario, seed and clock give the same digest; any difference in any record changes it.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from '../domain/store/dataset.ts';

export function datasetDigest(dataset: Dataset): string {
  const hash = createHash('sha256');
  const workspaces = [...dataset.workspaces()].sort((a, b) => (a.workspace.id < b.workspace.id ? -1 : 1));
  for (const ws of workspaces) {
    hash.update(JSON.stringify(ws.workspace));
    for (const user of [...ws.users.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(JSON.stringify(user));
    for (const flow of [...ws.flows.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) hash.update(JSON.stringify(flow));
    for (const run of ws.runs) hash.update(JSON.stringify(run));
  }
  return hash.digest('hex');
}
