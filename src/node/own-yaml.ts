/**
 * Our own YAML files (the specs, the scenario schema and the shipped scenarios), read at start-up from the JSON twin `npm run gen`
 * writes of each (src/generated/yaml/NAME.json) when the twin was made from the same text: JSON.parse takes
 * a millisecond or two where the yaml parser took about 25 ms a spec. A twin that is missing, or stale
 * because the YAML was edited since, is ignored and the YAML parsed, so an edit is never silently lost;
 * `npm run gen:check` (part of `npm test`) fails on a stale twin.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCompactYaml } from '../yaml/compact-yaml.ts';

/** Where the twins are, from the repository root. */
export const TWINS_FOLDER = 'src/generated/yaml';
// Beside this module's folder, in src/ as in the compiled dist/ (the build copies the twins there).
const TWINS_DIR = fileURLToPath(new URL('../generated/yaml/', import.meta.url));

interface Twin {
  /** SHA-256 of the YAML text it was made from, hex. */
  readonly sourceSha256: string;
  readonly value: unknown;
}

/** A spec or the scenario schema (specs/), or a shipped scenario (scenarios/): their twins are kept apart. */
export type OwnYamlKind = 'spec' | 'scenario';

/** The twin's file name in the twins' folder (`alloy.yaml` → `alloy.json`, scenario `default.yaml` → `scenarios/default.json`). */
export function twinName(yamlFile: string, kind: OwnYamlKind = 'spec'): string {
  return `${kind === 'scenario' ? 'scenarios/' : ''}${basename(yamlFile, '.yaml')}.json`;
}

/** Where the twin of a YAML file is kept. */
export function twinPath(yamlFile: string, kind: OwnYamlKind = 'spec'): string {
  return `${TWINS_DIR}${twinName(yamlFile, kind)}`;
}

/** The twin's text for a YAML text (what `npm run gen` writes). */
export function twinText(yamlText: string): string {
  const twin: Twin = { sourceSha256: sourceSha256(yamlText), value: parseCompactYaml(yamlText) };
  return `${JSON.stringify(twin)}\n`;
}

/** The value of one of our YAML files: from its twin when that is current, else parsed. */
export function readOwnYaml(yamlFile: string): unknown {
  const text = readFileSync(yamlFile, 'utf8');
  return currentTwinValue(yamlFile, text) ?? parseCompactYaml(text);
}

/** The value the twin of `yamlFile` holds if it was made from `text` (the file's text as read), else undefined. */
export function currentTwinValue(yamlFile: string, text: string, kind: OwnYamlKind = 'spec'): unknown {
  const twin = readTwin(twinPath(yamlFile, kind));
  return twin !== undefined && twin.sourceSha256 === sourceSha256(text) ? twin.value : undefined;
}

function readTwin(file: string): Twin | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Twin;
  } catch {
    return undefined;
  }
}

/** What a generated file records of the text it was made from, to be told current from stale. */
export function sourceSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
