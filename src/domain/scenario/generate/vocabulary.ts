/**
 * The words of generated records: workflow and agent names, error messages, source systems. Drawn with
 * faker, seeded, so the same scenario always reads the same.
 */
import type { Faker } from '@faker-js/faker';

const APPS = [
  'Salesforce', 'HubSpot', 'Slack', 'Gmail', 'Notion', 'Zendesk', 'Jira', 'Shopify', 'Stripe',
  'Google Sheets', 'Airtable', 'Intercom', 'Asana', 'QuickBooks', 'Mailchimp', 'Outlook', 'Linear',
];
const VERBS = ['Sync', 'Enrich', 'Route', 'Summarize', 'Triage', 'Backfill', 'Export', 'Import', 'Classify', 'Score', 'Deduplicate', 'Tag'];
const OBJECTS = ['leads', 'tickets', 'invoices', 'orders', 'contacts', 'deals', 'support emails', 'meeting notes', 'refund requests', 'NPS responses', 'signups', 'churn alerts'];
const AGENT_ROLES = ['Support Triage', 'Research', 'SDR Outreach', 'Onboarding', 'Contract Review', 'Knowledge Base', 'Recruiting Screener', 'Billing Helpdesk', 'Data Analyst', 'Release Notes'];

export const DEFAULT_SOURCE_SYSTEMS = ['api', 'webhook', 'scheduler', 'zapier', 'slack', 'hubspot', 'salesforce'];

export function workflowName(faker: Faker): string {
  const [from, to] = faker.helpers.arrayElements(APPS, 2) as [string, string];
  const verb = faker.helpers.arrayElement(VERBS);
  const object = faker.helpers.arrayElement(OBJECTS);
  return faker.datatype.boolean(0.6) ? `${verb} ${object} from ${from} to ${to}` : `${verb} ${from} ${object}`;
}

export function agentName(faker: Faker): string {
  const role = faker.helpers.arrayElement(AGENT_ROLES);
  return faker.datatype.boolean(0.5) ? `${role} Agent` : `${faker.person.firstName()} — ${role} Assistant`;
}

/** A realistic error message for a failed run. */
export function errorMessage(faker: Faker): string {
  const app = faker.helpers.arrayElement(APPS);
  const templates = [
    () => `Request to ${app} API timed out after ${faker.helpers.arrayElement([10000, 30000, 60000])}ms`,
    () => `${app} API returned 429 Too Many Requests (retry after ${faker.number.int({ min: 5, max: 120 })}s)`,
    () => `Invalid credentials for ${app} connection "${faker.company.name()}": token expired`,
    () => `Field "${faker.database.column()}" is required but was empty in step "${faker.hacker.verb()} record"`,
    () => `LLM call failed: context length exceeded (${faker.number.int({ min: 128001, max: 210000 })} tokens > 128000)`,
    () => `${app} API returned 500 Internal Server Error`,
    () => `Webhook payload failed validation: "${faker.database.column()}" must be a string`,
    () => `TypeError: Cannot read properties of undefined (reading '${faker.database.column()}')`,
    () => `Rate limit exceeded for model ${faker.helpers.arrayElement(['gpt-4o', 'claude-sonnet-4', 'gemini-2.5-pro'])}`,
    () => `Record ${faker.string.alphanumeric({ length: 18, casing: 'upper' })} not found in ${app}`,
  ];
  return faker.helpers.arrayElement(templates)();
}
