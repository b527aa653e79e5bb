/**
 * The JSON twins of our YAML files and the standalone scenario validator (src/dev/generated-files.ts) stand
 * in for parsing and compiling at start-up: they must give exactly what the sources give, and an edited
 * source must win over a stale generated file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import generatedValidator from '../../src/generated/scenario-validator.cjs';
import { SCENARIO_SCHEMA_FILE, SPECS_DIR } from '../../src/node/own-files.ts';
import { SPEC_NAMES } from '../../src/openapi/spec-document.ts';
import { scenarioSchemaAjv } from '../../src/scenario-files/scenario-schema-ajv.ts';
import { parseCompactYaml } from '../../src/yaml/compact-yaml.ts';
import { currentTwinValue, readOwnYaml, sourceSha256, twinPath } from '../../src/node/own-yaml.ts';
import { shippedScenarioNames, SHIPPED_SCENARIOS_DIR } from '../../src/node/locate-scenario.ts';
import { loadScenarioFile } from '../../src/node/scenario-file.ts';
import { parseScenario } from '../../src/scenario-files/parse.ts';

const YAML_FILES = [...SPEC_NAMES.map((name) => join(SPECS_DIR, `${name}.yaml`)), SCENARIO_SCHEMA_FILE];

describe('JSON twins of our YAML files', () => {
  it.each(YAML_FILES)('%s: its twin is current and holds what the YAML holds', (file) => {
    const text = readFileSync(file, 'utf8');
    const twin = JSON.parse(readFileSync(twinPath(file), 'utf8')) as { sourceSha256: string; value: unknown };
    expect(twin.sourceSha256).toBe(sourceSha256(text));
    expect(readOwnYaml(file)).toEqual(parseCompactYaml(text));
  });

  it('a YAML edited since its twin was written is read from the YAML itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowmock-twin-'));
    const edited = join(dir, 'alloy.yaml'); // the name of a file with a twin
    writeFileSync(edited, readFileSync(join(SPECS_DIR, 'alloy.yaml'), 'utf8').replace(/^( {2}title: ).*$/m, '$1Edited Alloy'));
    expect((readOwnYaml(edited) as { info: { title: string } }).info.title).toBe('Edited Alloy');
  });

  it('a YAML without a twin is read from the YAML', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'flowmock-twin-')), 'no-twin.yaml');
    writeFileSync(file, 'a: [1, two]\n');
    expect(readOwnYaml(file)).toEqual({ a: [1, 'two'] });
  });
});

describe('JSON twins of the shipped scenarios', () => {
  it.each(shippedScenarioNames())('%s: its twin is current, and the scenario loaded from it is what parsing the YAML gives', (name) => {
    const file = join(SHIPPED_SCENARIOS_DIR, `${name}.yaml`);
    const text = readFileSync(file, 'utf8');
    const twin = JSON.parse(readFileSync(twinPath(file, 'scenario'), 'utf8')) as { sourceSha256: string; value: unknown };
    expect(twin.sourceSha256).toBe(sourceSha256(text));
    expect(currentTwinValue(file, text, 'scenario')).toEqual(twin.value);
    expect(loadScenarioFile(name).document).toEqual(parseScenario(text, `scenarios/${name}.yaml`));
  });

  it('an edited shipped scenario does not match its twin (and is parsed instead)', () => {
    const file = join(SHIPPED_SCENARIOS_DIR, 'default.yaml');
    const edited = readFileSync(file, 'utf8').replace('name: default', 'name: edited');
    expect(currentTwinValue(file, edited, 'scenario')).toBeUndefined();
    expect(parseScenario(edited, 'default.yaml').name).toBe('edited');
  });
});

describe('the generated scenario validator', () => {
  const fresh = scenarioSchemaAjv().compile(parseCompactYaml(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')) as object);

  it('was compiled from the schema as it is now', () => {
    expect(generatedValidator.schemaSha256).toBe(sourceSha256(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')));
  });

  it.each([
    ['a shipped scenario', parseCompactYaml(readFileSync(new URL('../../scenarios/edge-cases.yaml', import.meta.url), 'utf8'))],
    ['nothing', {}],
    ['wrong types everywhere', { version: 'one', name: 5, seed: [], now: 'yesterday', workspaces: 'many' }],
    ['unknown fields and bad formats', { version: 1, name: 'x', now: '2026-13-40T25:00:00Z', extra: true, workspaces: [{ id: 'not-a-uuid', name: 'W', tokens: [], users: [{ id: '1', name: 'A', email: 'nope' }] }] }],
  ])('reports what a fresh compile reports: %s', (_label, document) => {
    expect(generatedValidator(document)).toBe(fresh(document));
    expect(generatedValidator.errors ?? null).toEqual(fresh.errors ?? null);
  });
});
