/**
 * A scenario document as it stands in a file, after schema validation (specs/scenario.schema.yaml).
 * Instants are still ISO strings here; building the dataset turns them into epoch milliseconds.
 */
import type { RunDetail } from '../records.ts';
import type { RunStatus } from '../status.ts';
import type { Trigger } from '../trigger.ts';

export interface ScenarioDocument {
  version: 1;
  name: string;
  description?: string;
  seed: number;
  now?: string;
  workspaces: WorkspaceDocument[];
}

export interface WorkspaceDocument {
  id: string;
  name: string;
  tokens: string[];
  users?: UserDocument[];
  flows?: FlowDocument[];
  runs?: RunDocument[];
  generate?: GenerateDocument;
}

export interface UserDocument {
  id: string;
  name: string;
  email: string;
}

export interface FlowDocument {
  id: string;
  kind: 'workflow' | 'agent';
  name: string;
  createdAt: string;
  createdBy: string;
  fromTemplate?: boolean;
  shares?: { at: string; by: string }[];
}

export interface RunDocument {
  id: string;
  flow: string;
  user?: string | null;
  status: RunStatus;
  createdAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  resumed?: boolean;
  appActions?: number;
  tokens?: number;
  trigger?: Trigger;
  sourceSystem?: string;
  error?: string | null;
  detail?: RunDetail;
}

export interface GenerateDocument {
  users?: number;
  usersWithoutRuns?: number;
  workflows?: number;
  agents?: number;
  runs?: number;
  days?: number;
  end?: string;
  statusMix?: { succeeded?: number; failed?: number; cancelled?: number };
  inProgressShare?: number;
  medianDurationSeconds?: number;
  failureBursts?: number;
  sourceSystems?: string[];
}

import type { Problem } from '../../lib/problem.ts';

/** A problem found in a scenario: where (a path inside the document) and what is wrong. */
export type ScenarioProblem = Problem;
