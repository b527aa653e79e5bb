/** The conventions of specs/README.md, held for every document. */
import { describe, expect, it } from 'vitest';
import { loadSpec, type SpecDocument, type SpecName } from '../../src/openapi/spec-document.ts';

const VENDORS = ['alloy', 'stackai', 'onepin', 'b3os', 'multiplai'] as const;

/** Every (resolved) schema node reachable from `schema`, with where it was found. */
function* walk(spec: SpecDocument, schema: unknown, where: string, seen = new Set<unknown>()): Generator<[Record<string, unknown>, string]> {
  const node = spec.resolve<Record<string, unknown> | undefined>(schema);
  if (node === undefined || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  yield [node, where];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === '$defs' || key === 'patternProperties') {
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) yield* walk(spec, child, `${where}.${name}`, seen);
    } else if (['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'].includes(key) && typeof value === 'object') {
      yield* walk(spec, value, `${where}/${key}`, seen);
    } else if (['anyOf', 'oneOf', 'allOf', 'prefixItems'].includes(key)) {
      for (const [i, child] of (value as unknown[]).entries()) yield* walk(spec, child, `${where}/${key}/${i}`, seen);
    }
  }
}

describe.each(VENDORS)('specs/%s.yaml', (name: SpecName) => {
  const spec = loadSpec(name);

  it('states the assumptions we made where the vendor is silent', () => {
    expect(String((spec.raw.info as { description: string }).description)).toMatch(/## Assumptions \(flowmock\)/);
  });

  it('lists the vendor server first and flowmock second', () => {
    const servers = spec.raw.servers as { url: string; description?: string }[];
    expect(servers.length).toBeGreaterThanOrEqual(2);
    expect(servers[servers.length - 1]).toMatchObject({ url: `http://127.0.0.1:4010/${name}` });
  });

  it('never forbids extra properties in a response (live APIs add fields)', () => {
    for (const op of spec.operations()) {
      for (const [code, response] of Object.entries(op.responses)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          for (const [node, where] of walk(spec, media.schema, `${op.operationId} ${code} ${mediaType}`)) {
            expect(node.additionalProperties, where).not.toBe(false);
            expect(node.unevaluatedProperties, where).not.toBe(false);
          }
        }
      }
    }
  });

  it('is strict about request bodies', () => {
    for (const op of spec.operations()) {
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        const objects = [...walk(spec, media.schema, op.operationId)].filter(([node]) => node.type === 'object');
        expect(objects.length).toBeGreaterThan(0);
        for (const [node, where] of objects) expect(node.additionalProperties, where).toBe(false);
      }
    }
  });

  it('documents 413 and a default error on every operation', () => {
    for (const op of spec.operations()) {
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['413', 'default']));
    }
  });
});
