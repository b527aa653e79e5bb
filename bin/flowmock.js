#!/usr/bin/env node
// Runs the TypeScript CLI straight from src/ (no build step): `npx flowmock ...` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
