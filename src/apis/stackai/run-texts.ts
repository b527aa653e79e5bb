/**
 * The words of generated run detail: what a run of each kind was asked and what it answered, serialised as
 * StackAI serialises them (a JSON object of the flow's input and output nodes, `in-0`, `out-0`, written
 * like Python's json.dumps). Drawn from a seeded Random, so a run always reads the same.
 */
import type { Random } from '../../domain/random.ts';
import type { Trigger } from '../../domain/trigger.ts';

export interface RunTexts {
  readonly inputs: string;
  /** Shown only once the run has completed. */
  readonly outputs: string;
}

type Exchange = readonly [question: string, answer: string];

const CONVERSATIONS: readonly Exchange[] = [
  ['Can you summarise the Q2 churn report for the EMEA accounts?', 'EMEA churn fell to 3.1% in Q2, down from 4.4%; most losses were small accounts on monthly plans.'],
  ['Which accounts renewed early this quarter?', 'Twelve accounts renewed early, led by Contoso (3 seats) and Fabrikam (5 seats).'],
  ['Draft a renewal email for Tailspin Toys.', 'Hi Tailspin team, your plan renews on the 30th. Here is what changed this year and what we suggest next.'],
  ['What is our refund policy for annual plans?', 'Annual plans can be refunded pro rata within 30 days of renewal; after that, credits apply to the next term.'],
  ['List open support tickets older than 30 days.', 'There are 7 tickets older than 30 days; 4 wait on engineering, 3 on the customer.'],
  ['How do I reset my SSO configuration?', 'Go to Settings > Security > SSO, choose Reset, then re-upload the metadata XML from your identity provider.'],
  ['Compare the Pro and Enterprise plans for a 40-seat team.', 'Enterprise adds SSO, audit logs and a 99.9% SLA; for 40 seats it costs about 18% more than Pro.'],
  ['Summarise the last board meeting notes.', 'The board approved the hiring plan, asked for a pricing review by March and moved the offsite to May.'],
];

const FORMS: readonly Exchange[] = [
  ['Company: Northwind Traders; Employees: 250; Use case: invoice processing', 'Qualified lead: mid-market, invoice automation, routed to the finance team.'],
  ['Name: Jane Doe; Request: access to the analytics workspace', 'Access request approved and sent to jane.doe for confirmation.'],
  ['Order #48213: item arrived damaged', 'Replacement order #48377 created; return label emailed to the customer.'],
  ['Expense: team dinner, 412.80 EUR, project Apollo', 'Expense within policy; forwarded to the project owner for approval.'],
];

const SCHEDULED: readonly Exchange[] = [
  ['Nightly digest of failed payments', '3 failed payments, all retried successfully.'],
  ['Weekly pipeline report', 'Pipeline grew 6% week over week; 14 deals moved to negotiation.'],
  ['Sync new HubSpot contacts to Salesforce', '126 contacts synced, 4 duplicates merged.'],
  ['Daily summary of new Zendesk tickets', '58 new tickets; top topics: billing (21), login (12), exports (9).'],
];

const API_CALLS: readonly Exchange[] = [
  ['Classify this email: "Hi, my invoice shows the wrong VAT number."', 'category: billing; priority: normal; language: en'],
  ['Extract the parties and the term from the attached contract.', 'Parties: Litware Inc., Adventure Works; term: 24 months from signature.'],
  ['Translate to German: "Your order has shipped."', 'Ihre Bestellung wurde versandt.'],
  ['Score this lead: 500 employees, SaaS, visited the pricing page 4 times', 'score: 82; segment: enterprise; next step: book a demo'],
  ['Summarise the release notes of version 4.2', 'Version 4.2 adds scheduled exports, faster search and fixes 17 bugs.'],
];

const BATCH_FILES = ['invoice', 'receipt', 'contract', 'purchase-order', 'statement'];
const VENDORS = ['Litware', 'Fabrikam', 'Contoso', 'Northwind', 'Tailspin Toys', 'Adventure Works'];

/** Texts for one run, from its own Random; `createdAt` dates file names like a real batch would. */
export function runTexts(random: Random, trigger: Trigger, createdAt: number): RunTexts {
  if (trigger === 'batch') return batchItem(random, createdAt);
  const [question, answer] = random.pick(exchangesFor(trigger));
  return { inputs: nodes('in', question), outputs: nodes('out', answer) };
}

function exchangesFor(trigger: Trigger): readonly Exchange[] {
  switch (trigger) {
    case 'chat_assistant':
    case 'agent_assistant':
      return CONVERSATIONS;
    case 'form':
      return FORMS;
    case 'scheduled':
    case 'trigger':
      return SCHEDULED;
    default:
      return API_CALLS;
  }
}

function batchItem(random: Random, createdAt: number): RunTexts {
  const day = new Date(createdAt).toISOString().slice(0, 10);
  const file = `${random.pick(BATCH_FILES)}-${day}-${String(random.int(1, 9999)).padStart(4, '0')}.pdf`;
  const total = (random.int(1000, 999_999) / 100).toFixed(2);
  // The extracted record is itself JSON, nested as text inside the output node, as the vendor shows it.
  const record = `{"vendor": ${JSON.stringify(random.pick(VENDORS))}, "total": ${total}}`;
  return { inputs: nodes('in', file), outputs: nodes('out', record) };
}

/** `{"in-0": "..."}`: one node, written with json.dumps' separators. */
function nodes(prefix: 'in' | 'out', text: string): string {
  return `{${JSON.stringify(`${prefix}-0`)}: ${JSON.stringify(text)}}`;
}
