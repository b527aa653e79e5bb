/**
 * Text read from YAML is stored one byte per character whenever it can be. The yaml parser slices keys and
 * values out of the file's text, and V8 keeps a slice of a text holding any character above U+00FF (our
 * specs' "—" and "≥") two bytes per character, even plain ASCII like `timeSeries`. Object keys are interned
 * (the first copy wins), so a spec read at start-up made the vendors' response keys two-byte, and every
 * answer then took the slow paths of JSON.stringify and UTF-8 encoding. Not observable over HTTP except as
 * speed, hence this look at the strings themselves.
 */
import v8 from 'node:v8';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SPEC_NAMES, loadSpec } from '../../src/openapi/spec-document.ts';
import { parseScenario } from '../../src/scenario-files/parse.ts';
import { stateFor, appOf } from '../helpers/app.ts';

/** V8's serialiser tags a one-byte string `"` and a two-byte one `c` (after the 2-byte header, maybe padding). */
function storedInTwoBytes(text: string): boolean {
  const bytes = v8.serialize(text);
  let at = 2;
  while (bytes[at] === 0) at++;
  return bytes[at] === 0x63;
}

/** Every key and string value (by JSON pointer) that could be one-byte but is stored in two bytes. */
function wideStrings(value: unknown, pointer = ''): string[] {
  const fits = (text: string) => !/[\u0100-\uffff]/.test(text);
  if (typeof value === 'string') return fits(value) && storedInTwoBytes(value) ? [pointer] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(fits(key) && storedInTwoBytes(key) ? [`${pointer}/${key} (key)`] : []),
    ...wideStrings(item, `${pointer}/${key}`),
  ]);
}

describe('strings read from YAML are stored one byte per character when they can be', () => {
  it('in every spec, though each holds characters above U+00FF', () => {
    for (const name of SPEC_NAMES) {
      const spec = loadSpec(name);
      expect(JSON.stringify(spec.raw)).toMatch(/[\u0100-\uffff]/);
      expect(wideStrings(spec.raw).slice(0, 5), name).toEqual([]);
    }
  });

  const scenarioYaml = [
    'version: 1',
    'name: wide — text',
    'seed: 5',
    'workspaces:',
    '  - id: e0000000-0000-4000-8000-000000000001',
    '    name: Façade → Robotics',
    '    tokens: [fm_wide_0123456789]',
    '    users: [{ id: "1", name: Zoë Ünal, email: zoe@wide.example }]',
    '    flows:',
    '      - { id: f0000000-0000-4000-8000-000000000001, name: Nightly, kind: workflow, createdAt: "2026-01-01T00:00:00Z", createdBy: "1" }',
    '',
  ].join('\n');

  it('in a scenario file, wherever its text is', () => {
    const document = parseScenario(scenarioYaml, 'inline');
    expect(document.workspaces[0]?.name).toBe('Façade → Robotics');
    expect(wideStrings(document)).toEqual([]);
  });

  it('in a scenario PUT as YAML to the admin API', async () => {
    const state = stateFor('empty');
    const res = await request(appOf(state)).put('/__mock/scenario').set('content-type', 'application/yaml').send(scenarioYaml);
    expect(res.status).toBe(200);
    const scenario = state.scenario;
    expect(scenario.name).toBe('wide — text');
    expect(wideStrings(scenario)).toEqual([]);
  });
});
