/**
 * `flowmock contract`: runs the contract suite against a live target. Exit 0 when every check holds,
 * 1 on any violation, 2 on bad usage or an unreachable target (docs/contract-suite.md#exit-codes).
 */
import { writeFileSync } from 'node:fs';
import { TargetUnreachable } from '../contract/http-client.ts';
import { consoleReport } from '../contract/reports/console-report.ts';
import { junitReport } from '../contract/reports/junit-report.ts';
import { runContract } from '../contract/runner.ts';
import { resolveTarget, UsageError } from '../contract/target.ts';
import { startPrismJudges } from '../contract/via-prism.ts';

export interface ContractOptions {
  readonly baseUrl: string;
  readonly api?: string;
  readonly token?: string;
  readonly header: string[];
  readonly fixtures?: string;
  readonly report?: string;
  readonly viaPrism?: boolean;
  readonly stateful: boolean;
}

export async function contractCommand(options: ContractOptions): Promise<void> {
  let stopPrism: (() => Promise<void>) | undefined;
  try {
    const reports = parseReports(options.report);
    let target = await resolveTarget({
      baseUrl: options.baseUrl,
      ...(options.api === undefined ? {} : { apis: options.api.split(',').map((a) => a.trim()).filter(Boolean) }),
      ...(options.token === undefined ? {} : { token: options.token }),
      headers: options.header,
      ...(options.fixtures === undefined ? {} : { fixturesFile: options.fixtures }),
    });
    if (options.viaPrism) {
      const judges = await startPrismJudges(target);
      target = judges.target;
      stopPrism = judges.stop;
    }
    const report = await runContract(target, { stateful: options.stateful });
    process.stdout.write(consoleReport(report));
    if (reports.json) writeFileSync(reports.json, JSON.stringify(report, null, 2));
    if (reports.junit) writeFileSync(reports.junit, junitReport(report));
    process.exitCode = report.violations.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || error instanceof TargetUnreachable) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  } finally {
    await stopPrism?.();
  }
}

function parseReports(value: string | undefined): { json?: string; junit?: string } {
  const reports: { json?: string; junit?: string } = {};
  for (const part of (value ?? '').split(',').filter(Boolean)) {
    const [kind, path] = part.split('=');
    if ((kind !== 'json' && kind !== 'junit') || !path) throw new UsageError(`--report "${part}": use junit=PATH and/or json=PATH, comma-separated`);
    reports[kind] = path;
  }
  return reports;
}
