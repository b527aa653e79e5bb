/**
 * The conventions of specs/README.md, held for every vendor document. Each check asserts on every spec: a
 * convention that has nothing to apply to in a spec says so in REQUEST_OBJECTS, and the test holds that too.
 */
import { describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../src/apis.ts';
import { loadSpec, type SpecDocument } from '../../src/openapi/spec-document.ts';

/**
 * What in each spec's requests the strictness convention (`additionalProperties: false`) holds for: objects,
 * that is a JSON body or a parameter whose schema is an object. A spec whose requests carry none says why;
 * the test then checks that it still carries none, so a body or object parameter added later is checked.
 */
const REQUEST_OBJECTS: Record<ApiName, 'some' | { readonly none: string }> = {
  alloy: { none: 'its one operation is a GET taking a path id and an x-api-version header, and no body' },
  stackai: { none: 'its one operation is a GET taking path ids and scalar query parameters, and no body' },
  onepin: { none: 'its one operation is a GET taking a path id, two instants and an X-Workspace-Id header, and no body' },
  b3os: { none: 'its one operation is a GET taking scalar query parameters and an X-Org-ID header, and no body' },
  // MetricsQuery, the JSON body of its GET, and MetricsFilters, also its `filters` deepObject query parameter.
  multiplai: 'some',
};

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

const isObjectSchema = (node: Record<string, unknown>) => node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));

/** The object schemas of every request body and every parameter of the spec. */
function requestObjects(spec: SpecDocument): [Record<string, unknown>, string][] {
  return spec.operations().flatMap((op) => [
    ...Object.entries(op.requestBody?.content ?? {}).flatMap(([mediaType, media]) => [...walk(spec, media.schema, `${op.operationId} body ${mediaType}`)]),
    ...op.parameters.flatMap((param) => [...walk(spec, param.schema, `${op.operationId} ${param.in} ${param.name}`)]),
  ]).filter(([node]) => isObjectSchema(node));
}

describe.each(API_NAMES)('specs/%s.yaml', (name) => {
  const spec = loadSpec(name);
  const operations = spec.operations();

  it('has operations (so that every check below has something to hold for)', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it('ends its description with the assumptions we made where the vendor is silent', () => {
    const description = String((spec.raw.info as { description: string }).description);
    const headings = description.match(/^## .*$/gm) ?? [];
    expect(headings.at(-1)).toBe('## Assumptions (flowmock)');
    expect(description.slice(description.lastIndexOf('## Assumptions (flowmock)'))).toMatch(/\n- \S/);
  });

  it('lists the vendor server first and flowmock second', () => {
    const servers = spec.raw.servers as { url: string; description?: string }[];
    expect(servers).toHaveLength(2);
    expect(servers[0]!.url).toMatch(/^https:\/\//);
    expect(servers[1]).toEqual({ url: `http://127.0.0.1:4010/${name}`, description: 'flowmock' });
  });

  it('never forbids extra properties in a response (live APIs add fields)', () => {
    let objects = 0;
    for (const op of operations) {
      for (const [code, response] of Object.entries(op.responses)) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          for (const [node, where] of walk(spec, media.schema, `${op.operationId} ${code} ${mediaType}`)) {
            if (isObjectSchema(node)) objects++;
            expect(node.additionalProperties, where).not.toBe(false);
            expect(node.unevaluatedProperties, where).not.toBe(false);
          }
        }
      }
    }
    expect(objects, 'object schemas in the responses').toBeGreaterThan(0);
  });

  const requests = REQUEST_OBJECTS[name];
  if (requests === 'some') {
    it('is strict about request bodies and object parameters', () => {
      const objects = requestObjects(spec);
      expect(objects.length, 'object schemas in the requests').toBeGreaterThan(0);
      for (const [node, where] of objects) expect(node.additionalProperties, where).toBe(false);
    });
  } else {
    it(`has no request body or object parameter to be strict about: ${requests.none}`, () => {
      expect(operations.filter((op) => op.requestBody !== undefined).map((op) => op.operationId), requests.none).toEqual([]);
      expect(requestObjects(spec).map(([, where]) => where), requests.none).toEqual([]);
    });
  }

  it('documents 413 and a default error on every operation', () => {
    for (const op of operations) {
      expect(Object.keys(op.responses), op.operationId).toEqual(expect.arrayContaining(['413', 'default']));
    }
  });
});
