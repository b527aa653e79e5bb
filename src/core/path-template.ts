/**
 * OpenAPI path templates as regular expressions: `/workflows/{workflowId}/analytics` →
 * `/workflows/([^/]+)/analytics`, literal parts escaped, each parameter one or more characters other than
 * `/` and captured in order. Callers anchor it as they match (a whole path, or a prefix of one).
 */
export function pathTemplateSource(template: string): string {
  return template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/]+)');
}

/** The parameter names of a template, in order: the capture groups of its source. */
export function pathTemplateParams(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
}
