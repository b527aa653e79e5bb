/**
 * The CI recipe in examples/github-actions uses only flags the CLI has: every `--flag` of every `flowmock <command>`
 * it runs appears in that command's `--help`. (A renamed flag would otherwise break users' pipelines silently.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli.ts';

interface Workflow { jobs: Record<string, { steps: { run?: string }[] }> }

const workflow = parse(readFileSync(join(ROOT, 'examples/github-actions/flowmock.yml'), 'utf8')) as Workflow;
const commands = Object.values(workflow.jobs)
  .flatMap((job) => job.steps.map((step) => step.run ?? ''))
    // A command runs to the next shell operator; its flags are the words that start with --.
  .flatMap((script) => [...script.replace(/\s*\n\s*/g, ' ').matchAll(/npx flowmock (\w+)([^&;|]*)/g)])
  .map(([, command, rest]) => ({ command: command!, flags: [...rest!.matchAll(/(?<=^| )--[\w-]+/g)].map(([flag]) => flag) }));

describe('examples/github-actions/flowmock.yml', () => {
  it('runs flowmock serve and flowmock contract, with their flags', () => {
    expect(commands.map((c) => c.command).sort()).toEqual(['contract', 'serve']);
    expect(commands.find((c) => c.command === 'contract')?.flags).toEqual(['--base-url', '--fixtures', '--token', '--report']);
  });

  it.each(commands)('flowmock $command knows every flag it is given', async ({ command, flags }) => {
    const help = await runCli([command, '--help']);
    expect(help.code).toBe(0);
    for (const flag of flags) expect(help.stdout, flag).toMatch(new RegExp(`${flag}\\b`));
  });
});
