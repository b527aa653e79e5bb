/**
 * The generated files that are not types: what `npm run gen` writes beside openapi-typescript's output and
 * `npm run gen:check` compares. Each records the hash of the text it was made from, and the code using it
 * falls back to the source when the hash differs (src/node/own-yaml.ts, src/scenario-files/schema-validation.ts).
 * - src/generated/yaml/NAME.json: the JSON twin of each spec and of the scenario schema; yaml/scenarios/NAME.json
 *   the twin of each shipped scenario (`flowmock serve` reads `default` from it, src/node/scenario-file.ts).
 * - src/generated/scenario-validator.cjs (and its .d.cts): the scenario schema compiled by ajv, standalone.
 * - src/generated/scenarios/NAME.json: each shipped scenario as data, for code without a file system (the
 *   browser, `flowmock/scenarios/NAME`), and src/generated/scenarios/index.ts importing them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { SPEC_NAMES } from '../openapi/spec-document.ts';
import { scenarioSchemaAjv } from '../scenario-files/scenario-schema-ajv.ts';
import { parseCompactYaml } from '../yaml/compact-yaml.ts';
import { TWINS_FOLDER, sourceSha256, twinName, twinText } from '../node/own-yaml.ts';

export interface GeneratedFile {
  /** Relative to the repository root. */
  readonly path: string;
  readonly content: string;
}

const SCENARIO_SCHEMA = 'specs/scenario.schema.yaml';

export function generatedFiles(root: string): GeneratedFile[] {
  const yamlFiles = [...SPEC_NAMES.map((name) => `specs/${name}.yaml`), SCENARIO_SCHEMA];
  const twins = yamlFiles.map((file): GeneratedFile => ({
    path: `${TWINS_FOLDER}/${twinName(file)}`,
    content: twinText(readFileSync(join(root, file), 'utf8')),
  }));
  const scenarioTwins = shippedScenarioFiles(root).map((file): GeneratedFile => ({
    path: `${TWINS_FOLDER}/${twinName(file, 'scenario')}`,
    content: twinText(readFileSync(join(root, 'scenarios', file), 'utf8')),
  }));
  return [...twins, ...scenarioTwins, ...scenarioValidator(readFileSync(join(root, SCENARIO_SCHEMA), 'utf8')), ...shippedScenarios(root)];
}

/** The shipped scenarios as JSON (what the YAML holds, nothing generated from it), and one module naming them all. */
function shippedScenarios(root: string): GeneratedFile[] {
  const files = shippedScenarioFiles(root);
  const names = files.map((file) => basename(file, '.yaml'));
  const data = files.map((file, i): GeneratedFile => ({
    path: `src/generated/scenarios/${names[i]}.json`,
    content: `${JSON.stringify(parseCompactYaml(readFileSync(join(root, 'scenarios', file), 'utf8')), null, 1)}\n`,
  }));
  const identifier = (name: string) => `${name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Scenario`;
  const index = [
    '// Written by `npm run gen` (src/dev/generated-files.ts) from scenarios/: do not edit.',
    ...names.map((name) => `import ${identifier(name)} from './${name}.json' with { type: 'json' };`),
    '',
    `export const SHIPPED_SCENARIO_DOCUMENTS: Readonly<Record<string, unknown>> = { ${names.map((name) => `'${name}': ${identifier(name)}`).join(', ')} };`,
    '',
  ].join('\n');
  return [...data, { path: 'src/generated/scenarios/index.ts', content: index }];
}

function shippedScenarioFiles(root: string): string[] {
  return readdirSync(join(root, 'scenarios')).filter((file) => extname(file) === '.yaml').sort();
}

function scenarioValidator(schemaText: string): GeneratedFile[] {
  const ajv = scenarioSchemaAjv({ code: { source: true, lines: true } });
  const validate = ajv.compile(parseCompactYaml(schemaText) as object);
  const code = [
    '// Written by `npm run gen` (src/dev/generated-files.ts) from specs/scenario.schema.yaml: do not edit.',
    standaloneCode.default(ajv, validate),
    `module.exports.schemaSha256 = ${JSON.stringify(sourceSha256(schemaText))};`,
    '',
  ].join('\n');
  return [
    { path: 'src/generated/scenario-validator.cjs', content: code },
    { path: 'src/generated/scenario-validator.d.cts', content: VALIDATOR_TYPES },
  ];
}

const VALIDATOR_TYPES = `// Written by \`npm run gen\` (src/dev/generated-files.ts) with scenario-validator.cjs: do not edit.
import type { ValidateFunction } from 'ajv';

declare const validate: ValidateFunction & {
  /** SHA-256 of specs/scenario.schema.yaml as it was compiled, hex. */
  readonly schemaSha256: string;
};
export = validate;
`;
