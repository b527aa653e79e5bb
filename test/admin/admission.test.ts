/**
 * Whom the admin API refuses is refused by the headers alone, before a byte of the body is read: a
 * client without the token (or another page, or a rebinding host name) cannot make the server take in a
 * 64 MiB scenario first.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { appOf, stateFor } from '../helpers/app.ts';

function answerBeforeTheBody(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'PUT', path: '/__mock/scenario', headers: { 'content-type': 'application/json', 'content-length': String(60 * 1024 * 1024), ...headers } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      outgoing.destroy();
    });
    outgoing.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
    // 1 KiB of the 60 MiB announced, then nothing: only an answer given from the headers can arrive.
    outgoing.write('{"version":1,' + ' '.repeat(1024));
  });
}

describe('admission before the body', () => {
  it.each([
    ['no admin token', { adminToken: 's3cret' }, {}, 401],
    ['another page', {}, { origin: 'https://evil.example' }, 403],
    ['a rebinding host name', { allowedHosts: [] }, { host: 'evil.example:4010' }, 403],
  ])('refuses %s at once', async (_name, options, headers, status) => {
    const server = appOf(stateFor('empty'), options).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect(await answerBeforeTheBody((server.address() as AddressInfo).port, headers as Record<string, string>)).toBe(status);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
