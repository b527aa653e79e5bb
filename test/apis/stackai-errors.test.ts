/**
 * StackAI's error envelopes for failures no request of the edge-cases tests provokes (injected faults, a
 * failure without problems), built by errors.ts and checked against what the spec documents for the status.
 */
import { describe, expect, it } from 'vitest';
import { stackaiError } from '../../src/apis/stackai/errors.ts';
import { ApiFailure } from '../../src/apis/shared/api-failure.ts';
import { loadSpec } from '../../src/openapi/spec-document.ts';
import { specValidator } from '../../src/openapi/spec-validator.ts';

const op = loadSpec('stackai').operations().find((o) => o.operationId === 'getAnalyticsDataApi')!;

function expectDocumented(status: number, body: unknown) {
  expect(specValidator().validateResponse(op, status, 'application/json', body), JSON.stringify(body)).toEqual([]);
}

describe('stackai: error envelopes', () => {
  it.each([
    [429, 'Too Many Requests'],
    [500, 'Internal Server Error'],
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
    [401, 'Not authenticated'],
    [404, 'Not Found'],
  ])('an injected %i answers {"detail": text}', (status, detail) => {
    const { status: answered, body } = stackaiError(new ApiFailure(status === 401 ? 'unauthenticated' : 'injected', 'fault', [], status));
    expect(answered).toBe(status);
    expect(body).toEqual({ detail });
    expectDocumented(status, body);
  });

  it('an injected 422 keeps the validation shape the spec documents for 422', () => {
    const { status, body } = stackaiError(new ApiFailure('injected', 'fault', [], 422));
    expect(status).toBe(422);
    expect(body).toEqual({ detail: [{ loc: [], msg: 'Unprocessable Entity', type: 'value_error' }] });
    expectDocumented(status, body);
  });

  it('an internal error hides its message', () => {
    const { status, body } = stackaiError(new ApiFailure('internal', 'TypeError: x is undefined'));
    expect([status, body]).toEqual([500, { detail: 'Internal Server Error' }]);
    expectDocumented(status, body);
  });

  it('an unreadable body is a 422 located at the body', () => {
    const { status, body } = stackaiError(new ApiFailure('invalid', 'The request body could not be read', [
      { in: 'body', name: '', path: [], keyword: 'body', message: 'could not be read' },
    ]));
    expect([status, body]).toEqual([422, { detail: [{ loc: ['body'], msg: 'Value error, could not be read', type: 'value_error' }] }]);
    expectDocumented(status, body);
  });

  it('415 in the same envelope', () => {
    const { status, body } = stackaiError(new ApiFailure('unsupported-media-type', 'unsupported charset "KOI8-R"'));
    expect([status, body]).toEqual([415, { detail: 'Unsupported Media Type' }]);
    expectDocumented(status, body);
  });
});
