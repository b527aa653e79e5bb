import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Dependencies point inward (docs/architecture.md#layers): src/lib ← src/domain ← the core (src/core,
 * src/apis, src/admin, src/openapi, src/scenario-files, src/yaml, src/scenarios) ← adapters (src/server,
 * src/msw, src/cli, src/node, src/contract, src/dev, src/library, src/dashboard); src/index.ts, the package root, re-exports. Each layer lists what it must not import; the core
 * and everything inside it also stays free of Node and of any framework, so that it bundles for a browser.
 */
const ADAPTERS = ['server', 'msw', 'cli', 'node', 'contract', 'dev', 'library', 'dashboard'];
const CORE = ['core', 'apis', 'admin', 'openapi', 'scenario-files', 'yaml', 'scenarios'];
const NOT_IN_A_BROWSER = [
  { group: ['node:*'], message: 'The core runs in a browser too: no Node built-ins (see docs/architecture.md#layers).' },
  { group: ['express', 'cors', 'pino', 'msw', 'msw/*', 'commander', 'supertest'], message: 'Frameworks and adapters belong to src/server, src/msw or src/cli.' },
];

/** Forbids relative imports of these folders of src/, from anywhere below src/. */
function folders(names, message) {
  return { regex: `^(\\.\\.?/)+(${names.join('|')})/`, message };
}

function layer(files, patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/generated/', 'coverage/', '.tmp/', 'examples/*/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS run by plain node: the command's entry (bin/package.json) and the build's code-cache writer.
    files: ['bin/**/*.js', 'bin/**/*.cjs', 'scripts/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortSignal: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  layer(['src/lib/**'], [{ regex: '^\\.\\./', message: 'src/lib holds primitives: it imports nothing else of src/.' }, ...NOT_IN_A_BROWSER]),
  layer(['src/domain/**'], [folders([...CORE, ...ADAPTERS], 'The domain imports only src/lib (and the generated types): dependencies point inward.'), ...NOT_IN_A_BROWSER]),
  layer(CORE.map((name) => `src/${name}/**`), [folders(ADAPTERS, 'The core never imports an adapter: adapters import the core.'), ...NOT_IN_A_BROWSER]),
  layer(['src/msw/**'], [folders(['server', 'cli', 'node', 'contract', 'dev'], 'The MSW adapter runs in a browser: it imports the core, not another adapter.'), { group: ['node:*', 'express', 'cors', 'pino'], message: 'The MSW adapter runs in a browser.' }]),
  layer(['src/dashboard/**'], [folders(['core', 'admin', 'openapi', 'scenario-files', 'yaml', 'scenarios', ...ADAPTERS.filter((name) => name !== 'dashboard')], 'The dashboard is a client over HTTP: it imports src/lib, src/apis.ts, the domain\'s vocabulary and the generated types only.'), ...NOT_IN_A_BROWSER]),
  layer(['src/server/**'], [folders(['msw', 'cli', 'contract', 'dev'], 'The Express adapter imports the core (and src/node), not another adapter.')]),
);
