/**
 * Dependencies point inward, and ESLint says so: an import that points outward, or a Node built-in or a
 * framework inside the core, fails `npm run lint` (eslint.config.js; docs/architecture.md#layers).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problemsOf(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rule', () => {
  it.each([
    ['src/lib/new-primitive.ts', "import { MockState } from '../domain/mock-state.ts';"],
    ['src/lib/new-primitive.ts', "import { readFileSync } from 'node:fs';"],
    ['src/domain/store/new.ts', "import { FlowmockCore } from '../../core/flowmock-core.ts';"],
    ['src/domain/new.ts', "import { createApp } from '../server/app.ts';"],
    ['src/domain/new.ts', "import { createHash } from 'node:crypto';"],
    ['src/core/new.ts', "import { createApp } from '../server/app.ts';"],
    ['src/core/new.ts', "import express from 'express';"],
    ['src/apis/onepin/new.ts', "import { useOwnFiles } from '../../node/own-files.ts';"],
    ['src/admin/new.ts', "import { STATUS_CODES } from 'node:http';"],
    ['src/openapi/new.ts', "import { loadScenarioFile } from '../node/scenario-file.ts';"],
    ['src/msw/new.ts', "import { createApp } from '../server/app.ts';"],
    ['src/msw/new.ts', "import { readFileSync } from 'node:fs';"],
    ['src/server/new.ts', "import { createFlowmockHandlers } from '../msw/handlers.ts';"],
    ['src/core/new.ts', "import { startFlowmock } from '../library/start-flowmock.ts';"],
    ['src/dashboard/new.ts', "import { FlowmockCore } from '../core/flowmock-core.ts';"],
    ['src/dashboard/new.ts', "import { readFileSync } from 'node:fs';"],
  ])('refuses, in %s: %s', async (file, code) => {
    expect(await problemsOf(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['src/lib/new-primitive.ts', "import { x } from './binary-search.ts';"],
    ['src/domain/new.ts', "import { lowerBound } from '../lib/binary-search.ts';"],
    ['src/core/new.ts', "import { MockState } from '../domain/mock-state.ts';"],
    ['src/apis/onepin/new.ts', "import { ApiRequest } from '../../core/api-request.ts';"],
    ['src/msw/new.ts', "import { FlowmockCore } from '../core/flowmock-core.ts';\nimport { http } from 'msw';"],
    ['src/server/new.ts', "import { FlowmockCore } from '../core/flowmock-core.ts';\nimport express from 'express';\nimport { readFileSync } from 'node:fs';"],
    ['src/cli/new.ts', "import { createApp } from '../server/app.ts';"],
  ])('allows, in %s: %s', async (file, code) => {
    expect(await problemsOf(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
