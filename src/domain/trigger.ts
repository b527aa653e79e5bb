/** How a run was initiated: StackAI's RunType vocabulary, which the canonical run uses as is. */
export const TRIGGERS = [
  'workflow_builder',
  'form',
  'batch',
  'chat_assistant',
  'agent_assistant',
  'trigger',
  'scheduled',
  'sub_workflow',
  'api',
] as const;

export type Trigger = (typeof TRIGGERS)[number];
