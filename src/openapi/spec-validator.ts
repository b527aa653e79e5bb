/**
 * JSON Schema validation against the specs (ajv, draft 2020-12 as OpenAPI 3.1 uses): a response body
 * against the schema its operation documents for that status, or a value against any schema in a spec.
 * Problems come back as data, all of them, never as a throw.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { escapePointerSegment } from '../lib/json-pointer.ts';
import { ownDocuments } from './own-documents.ts';
import { SPEC_BASE_URI, SPEC_NAMES, loadSpec, type Operation, type SpecName } from './spec-document.ts';

export interface SchemaProblem {
  /** JSON pointer into the validated value. */
  readonly path: string;
  readonly message: string;
  /** The JSON Schema keyword that failed (`type`, `enum`, `required`, `minimum`, `format`, ...). */
  readonly keyword?: string;
  readonly params?: Record<string, unknown>;
}

export class SpecValidator {
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, (value: unknown) => SchemaProblem[]>();

  constructor() {
    // strictNumbers: Infinity and NaN are no numbers (`1e400` in JSON parses as Infinity, which the integer
    // check lets through otherwise). The spec documents are added whole so that their internal and cross-file $refs resolve; they are not
    // JSON Schemas themselves, hence no meta-validation and no strict keyword checks (`example`, `in`, ...).
    this.#ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, validateFormats: true, strictNumbers: true });
    addFormats.default(this.#ajv);
    const scenario = ownDocuments().document('scenario.schema');
    this.#ajv.addSchema(scenario, `${SPEC_BASE_URI}scenario.schema.yaml`);
    for (const name of SPEC_NAMES) this.#ajv.addSchema(loadSpec(name).raw, `${SPEC_BASE_URI}${name}.yaml`);
  }

  /** Validates `value` against the schema at `pointer` (e.g. `#/components/schemas/Run`) in `spec`. */
  validateAt(spec: SpecName, pointer: string, value: unknown): SchemaProblem[] {
    return this.validatorAt(spec, pointer)(value);
  }

  /** The compiled check of the schema at `pointer`, for callers that check the same schema again and again. */
  validatorAt(spec: SpecName, pointer: string): (value: unknown) => SchemaProblem[] {
    const ref = spec + pointer;
    let check = this.#compiled.get(ref);
    if (check === undefined) {
      const validate = this.#ajv.compile({ $ref: `${SPEC_BASE_URI}${spec}.yaml${pointer}` });
      check = (value) => (validate(value) ? [] : (validate.errors ?? []).map(toProblem));
      this.#compiled.set(ref, check);
    }
    return check;
  }

  /**
   * Validates a response: its status must be documented (or covered by `default`), its media type
   * declared, and its body valid against that schema.
   */
  validateResponse(op: Operation, status: number, contentType: string | undefined, body: unknown): SchemaProblem[] {
    const spec = loadSpec(op.spec);
    const code = String(status) in op.responses ? String(status) : 'default' in op.responses ? 'default' : undefined;
    if (code === undefined) {
      return [{ path: '', message: `status ${status} is not documented for ${op.operationId} (documented: ${Object.keys(op.responses).join(', ')})` }];
    }
    const response = op.responses[code];
    const mediaTypes = Object.keys(response?.content ?? {});
    if (mediaTypes.length === 0) return body === undefined || body === '' ? [] : [{ path: '', message: `status ${status} documents no body` }];
    const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!mediaTypes.includes(mediaType)) {
      return [{ path: '', message: `Content-Type "${contentType ?? ''}" is not documented for status ${status} (documented: ${mediaTypes.join(', ')})` }];
    }
    let pointer = `#/paths/${escapePointerSegment(op.path)}/${op.method}/responses/${code}`;
    const node = spec.pointer(pointer.slice(1)) as { $ref?: string };
    if (typeof node.$ref === 'string') pointer = node.$ref;
    return this.validateAt(op.spec, `${pointer}/content/${escapePointerSegment(mediaType)}/schema`, body);
  }
}

let shared: SpecValidator | undefined;

/** One validator for the process: compiling the specs once is the expensive part. */
export function specValidator(): SpecValidator {
  return (shared ??= new SpecValidator());
}

function toProblem(error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'enum' ? ` ${JSON.stringify(params.allowedValues)}` :
    error.keyword === 'additionalProperties' ? ` ("${String(params.additionalProperty)}")` : '';
  return { path: error.instancePath, message: `${error.message ?? error.keyword}${detail}`, keyword: error.keyword, params };
}
