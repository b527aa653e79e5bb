/**
 * src/lib is the innermost folder: pure functions that import nothing (not the rest of src/, not Node's
 * modules), so that they bundle for the browser as they are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const LIB = new URL('../../src/lib/', import.meta.url);
const files = readdirSync(LIB).filter((name) => name.endsWith('.ts'));

describe('src/lib', () => {
  it('has modules', () => {
    expect(files).toEqual(expect.arrayContaining(['binary-search.ts', 'json-pointer.ts', 'instant.ts']));
  });

  it.each(files)('%s imports nothing and uses no Node-only global', (name) => {
    const text = readFileSync(new URL(name, LIB), 'utf8');
    expect(text).not.toMatch(/^\s*import\b|\bimport\(|\brequire\(/m);
    expect(text).not.toMatch(/\b(?:Buffer|process)\.|\b__(?:dirname|filename)\b/);
  });
});
