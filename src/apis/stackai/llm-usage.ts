/**
 * A run's LLM usage (StackAI's `llm_usage` and `llms`): the calls it made, whose tokens add up to the run's
 * `tokens` exactly. A flow keeps to its own one or two models and its own connection (seeded by the flow
 * id), as a real flow is built around fixed LLM nodes; each run splits its tokens over 1–3 calls.
 */
import { Random } from '../../domain/random.ts';
import type { components } from '../../generated/stackai.ts';

type LlmUsage = components['schemas']['LLMUsageData'];
type Provider = LlmUsage['provider'];
type ConnectionOrigin = NonNullable<LlmUsage['connection_origin']>;

interface Model {
  readonly id: string;
  readonly provider: Provider;
}

/** Repeated entries weight the draw towards the models most flows use. */
const CATALOGUE: readonly Model[] = [
  { id: 'gpt-4o', provider: 'OpenAI' },
  { id: 'gpt-4o', provider: 'OpenAI' },
  { id: 'gpt-4o-mini', provider: 'OpenAI' },
  { id: 'gpt-4o-mini', provider: 'OpenAI' },
  { id: 'gpt-4.1', provider: 'OpenAI' },
  { id: 'claude-3-5-sonnet-20241022', provider: 'Anthropic' },
  { id: 'claude-3-5-sonnet-20241022', provider: 'Anthropic' },
  { id: 'claude-3-5-haiku-20241022', provider: 'Anthropic' },
  { id: 'gemini-1.5-pro', provider: 'Google' },
  { id: 'gemini-2.0-flash', provider: 'Google' },
  { id: 'mistral-large-latest', provider: 'Mistral' },
  { id: 'llama-3.3-70b-versatile', provider: 'Groq' },
  { id: 'llama-3.1-8b', provider: 'Local' },
];

/** For models a scenario names explicitly: the provider by the model family's usual prefix. */
const PROVIDER_BY_PREFIX: readonly (readonly [RegExp, Provider])[] = [
  [/^(gpt-|o\d|chatgpt|text-embedding)/i, 'OpenAI'],
  [/^claude/i, 'Anthropic'],
  [/^gemini/i, 'Google'],
  [/^(mistral|mixtral|codestral|ministral)/i, 'Mistral'],
  [/^grok/i, 'XAI'],
  [/^sonar/i, 'Perplexity'],
  [/^(llama|meta-llama)/i, 'Meta'],
];

interface FlowLlms {
  readonly models: readonly Model[];
  readonly origin: ConnectionOrigin;
  readonly connectionId: string | null;
}

function flowLlms(flowId: string): FlowLlms {
  const random = new Random(`stackai:llms:${flowId}`);
  const first = random.pick(CATALOGUE);
  const second = random.pick(CATALOGUE);
  const models = random.chance(0.35) && second.id !== first.id ? [first, second] : [first];
  const draw = random.next();
  const origin: ConnectionOrigin = draw < 0.8 ? 'stack_ai' : draw < 0.95 ? 'external_db' : 'external_ephemeral';
  // A stored connection has an id; StackAI's own and a per-request one have none.
  const connectionId = origin === 'external_db' ? random.uuid() : null;
  return { models, origin, connectionId };
}

/**
 * The calls of a run with `tokens` tokens: none when it used no tokens; else on `explicitModels` (a
 * scenario's `llms`) when given, otherwise on the flow's models.
 */
export function llmUsage(random: Random, flowId: string, tokens: number, explicitModels?: readonly string[]): LlmUsage[] {
  if (tokens <= 0) return [];
  const flow = flowLlms(flowId);
  const calls = explicitModels === undefined
    ? Array.from({ length: Math.min(tokens, random.int(1, 3)) }, (_, i) => flow.models[i % flow.models.length] as Model)
    : explicitModels.map((id) => ({ id, provider: providerOf(id) }));
  if (calls.length === 0) return [];
  return split(random, tokens, calls.length).map((callTokens, i) => usageEntry(random, calls[i] as Model, callTokens, flow));
}

/** The `llms` text: the models called, each once, in call order (`"gpt-4o-mini"`, `"mistral-large-latest, llama-3.1-8b"`). */
export function llmsText(usage: readonly LlmUsage[]): string | null {
  return usage.length === 0 ? null : [...new Set(usage.map((u) => u.model_id))].join(', ');
}

function usageEntry(random: Random, model: Model, tokens: number, flow: FlowLlms): LlmUsage {
  // Prompts outweigh completions: 60–95% of a call's tokens are input.
  const input = Math.round(tokens * (0.6 + 0.35 * random.next()));
  const local = model.provider === 'Local';
  return {
    provider: model.provider,
    model_id: model.id,
    tokens,
    input_tokens: input,
    output_tokens: tokens - input,
    connection_id: local ? null : flow.connectionId,
    connection_origin: local ? null : flow.origin,
    is_local_model: local,
    // StackAI bills only the calls it makes on its own keys.
    should_charge: !local && flow.origin === 'stack_ai',
  };
}

/** `total` split into `parts` integers that add up to it exactly, each ≥ 1 when total allows. */
function split(random: Random, total: number, parts: number): number[] {
  const floor = total >= parts ? 1 : 0;
  const weights = Array.from({ length: parts }, () => 0.5 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const rest = total - floor * parts;
  const shares = weights.map((w) => floor + Math.floor((rest * w) / sum));
  shares[0] = (shares[0] as number) + total - shares.reduce((a, b) => a + b, 0);
  return shares;
}

function providerOf(modelId: string): Provider {
  const known = CATALOGUE.find((m) => m.id === modelId);
  if (known !== undefined) return known.provider;
  // A model of no family we know is taken as self-hosted.
  return PROVIDER_BY_PREFIX.find(([prefix]) => prefix.test(modelId))?.[1] ?? 'Local';
}
