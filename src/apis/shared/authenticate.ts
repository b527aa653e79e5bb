/** Which workspace a request speaks for: its bearer token's, on every API (docs/apis.md#common-rules). */
import type { ApiRequest } from '../../core/api-request.ts';
import type { MockState } from '../../domain/mock-state.ts';
import type { WorkspaceRecords } from '../../domain/store/dataset.ts';
import { ApiFailure } from './api-failure.ts';
import { bearerToken } from './bearer-token.ts';

export function authenticate(req: ApiRequest, state: MockState): WorkspaceRecords {
  const header = req.get('authorization');
  if (header === undefined || header.trim() === '') throw new ApiFailure('unauthenticated', 'Missing Authorization header');
  const token = bearerToken(header);
  if (token === undefined) throw new ApiFailure('unauthenticated', 'The Authorization header must be "Bearer <token>"');
  const records = state.dataset.workspaceForToken(token);
  if (records === undefined) throw new ApiFailure('unauthenticated', 'Invalid API key');
  return records;
}
