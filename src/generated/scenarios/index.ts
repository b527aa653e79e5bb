// Written by `npm run gen` (src/dev/generated-files.ts) from scenarios/: do not edit.
import defaultScenario from './default.json' with { type: 'json' };
import edgeCasesScenario from './edge-cases.json' with { type: 'json' };
import emptyScenario from './empty.json' with { type: 'json' };
import largeScenario from './large.json' with { type: 'json' };

export const SHIPPED_SCENARIO_DOCUMENTS: Readonly<Record<string, unknown>> = { 'default': defaultScenario, 'edge-cases': edgeCasesScenario, 'empty': emptyScenario, 'large': largeScenario };
