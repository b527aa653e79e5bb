/**
 * The contract suite's options: the CLI's flags camel-cased, as `runContract(options)` takes them from the
 * library (`import { runContract } from 'flowmock'`) and `flowmock contract` builds them from its flags, so
 * the CLI, vitest and the library run one engine with one set of options (docs/contract-suite.md).
 */
export interface ContractOptions {
  /** Where the target is (`--base-url`): a flowmock server needs nothing else. */
  readonly baseUrl: string;
  /** The APIs to check (`--api`); default all five. */
  readonly apis?: readonly string[];
  /** Bearer token for the APIs (`--token`): replaces the first fixture workspace's. */
  readonly token?: string;
  /** Extra headers for every request, `"Name: value"` (`--header`, repeatable). */
  readonly headers?: readonly string[];
  /** Workspaces, tokens, users and flow ids in the shape of GET /__mock/fixtures (`--fixtures FILE`). */
  readonly fixtures?: string;
  /**
   * Reports to write besides the returned result (`--report junit=PATH,json=PATH,html=PATH,baseline=PATH`);
   * `baseline` writes this run's violations as a baseline file for `--baseline`.
   */
  readonly reports?: { readonly junit?: string; readonly json?: string; readonly html?: string; readonly baseline?: string };
  /** Send the valid traffic through `prism proxy --errors` too (`--via-prism`; Prism from the user's project). */
  readonly viaPrism?: boolean;
  /** Add a run through the admin API and watch the counts (`--no-stateful` turns it off). Default true. */
  readonly stateful?: boolean;
  /** Seed of the generated requests (`--seed`): the same seed replays a run exactly. */
  readonly seed?: number;
  /** Generated examples per operation (`--max-examples`). */
  readonly maxExamples?: number;
  /**
   * Oracle mode: every answer compared with flowmock's engine. Undefined: on when the target has a flowmock
   * admin API (its GET /__mock/state) or `scenario` is given; false (`--no-oracle`): off; true: it must run
   * (a violation says why it cannot).
   */
  readonly oracle?: boolean;
  /** Oracle mode (`--scenario NAME|PATH --now ISO`): the target serves this scenario at this clock. */
  readonly scenario?: string;
  readonly now?: string;
  /** Any answer slower than this is a violation (`--max-response-time MS`); off by default, timings always reported. */
  readonly maxResponseTimeMs?: number;
  /** Opt-in checks (`--check cors,unsupported-method`). */
  readonly checks?: readonly string[];
  /** Bearer token for a target's admin API (`--admin-token`). */
  readonly adminToken?: string;
  /** Known violations to accept (`--baseline FILE`): only new ones fail. */
  readonly baseline?: string;
  /** Fail unless every documented 2xx and 4xx status was produced (`--require-coverage`). */
  readonly requireCoverage?: boolean;
  /** The whole run ends within this (`--deadline MS`, default 10 minutes). */
  readonly deadlineMs?: number;
  /** Each request ends within this (`--request-timeout MS`, default 15 s). */
  readonly requestTimeoutMs?: number;
  /** Response bodies are read up to this many bytes (`--max-body-bytes`, default 8 MiB). */
  readonly maxBodyBytes?: number;
}
