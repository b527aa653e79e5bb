/**
 * An OpenAPI 3.1 document from specs/, read once, with its local `$ref`s followed on demand. The server's
 * request validation, the contract suite and the tests all read the specs through this one module.
 */
import { API_NAMES } from '../apis.ts';
import { escapePointerSegment, parseJsonPointer } from '../lib/json-pointer.ts';
import { ownDocuments } from './own-documents.ts';

/** Base URI of the spec files, so that `./scenario.schema.yaml` refs resolve between them. */
export const SPEC_BASE_URI = 'https://flowmock.dev/schemas/';

/** The vendors' specs and our admin API's: one spec per API, named after it. */
export const SPEC_NAMES = [...API_NAMES, 'admin'] as const;
export type SpecName = (typeof SPEC_NAMES)[number];
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch'];

export type JsonSchema = Record<string, unknown>;

export interface ExampleObject {
  readonly summary?: string;
  readonly value: unknown;
}

export interface MediaTypeObject {
  readonly schema?: JsonSchema;
  readonly example?: unknown;
  readonly examples?: Record<string, ExampleObject>;
}

export interface ParameterObject {
  /** Where its schema is, as a JSON pointer into the spec (`#/components/parameters/page/schema`). */
  readonly schemaPointer?: string;
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly style?: string;
  readonly explode?: boolean;
  readonly schema?: JsonSchema;
  readonly example?: unknown;
  readonly examples?: Record<string, ExampleObject>;
}

export interface ResponseObject {
  readonly description: string;
  readonly content?: Record<string, MediaTypeObject>;
  readonly headers?: Record<string, unknown>;
}

export interface RequestBodyObject {
  /** JSON pointer to the request body object itself, refs followed. */
  readonly pointer?: string;
  readonly required?: boolean;
  readonly content: Record<string, MediaTypeObject>;
}

export interface Operation {
  readonly spec: SpecName;
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path template, e.g. `/workflows/{workflowId}/analytics`. */
  readonly path: string;
  readonly parameters: readonly ParameterObject[];
  readonly requestBody?: RequestBodyObject;
  /** By status code (`'200'`, `'404'`, `'default'`), refs resolved. */
  readonly responses: Readonly<Record<string, ResponseObject>>;
  readonly security: readonly Record<string, readonly string[]>[];
}

export class SpecDocument {
  readonly name: SpecName;
  readonly file: string;
  readonly raw: Record<string, unknown>;

  constructor(name: SpecName, raw: Record<string, unknown>, file: string) {
    this.name = name;
    this.raw = raw;
    this.file = file;
  }

  /** Follows `$ref: '#/...'` chains; external refs (other files) are left for ajv to resolve. */
  resolve<T>(node: unknown): T {
    let current = node as { $ref?: string } | undefined;
    for (let hops = 0; current && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); hops++) {
      if (hops > 20) throw new Error(`${this.file}: $ref cycle at ${current.$ref}`);
      current = this.pointer(current.$ref.slice(1)) as { $ref?: string };
    }
    return current as T;
  }

  /** The named examples of a media type, `$ref`s to `#/components/examples` followed. */
  examples(media: MediaTypeObject | undefined): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(media?.examples ?? {}).map(([name, example]) => [name, this.resolve<ExampleObject>(example).value]),
    );
  }

  /** The node at a JSON pointer into the document (`/components/schemas/Run`: a `$ref` without its `#`). */
  pointer(pointer: string): unknown {
    let node: unknown = this.raw;
    for (const key of parseJsonPointer(pointer)) {
      node = (node as Record<string, unknown> | undefined)?.[key];
      if (node === undefined) throw new Error(`${this.file}: no ${pointer}`);
    }
    return node;
  }

  /** The pointer a node ends up at once its `$ref`s are followed. */
  #pointerOf(node: unknown, at: string): string {
    let pointer = at;
    let current = node as { $ref?: string } | undefined;
    while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
      pointer = current.$ref;
      current = this.pointer(current.$ref.slice(1)) as { $ref?: string };
    }
    return pointer;
  }

  #parameter(node: unknown, at: string): ParameterObject {
    return { ...this.resolve<ParameterObject>(node), schemaPointer: `${this.#pointerOf(node, at)}/schema` };
  }

  operations(): Operation[] {
    const paths = (this.raw.paths ?? {}) as Record<string, Record<string, unknown>>;
    const topSecurity = (this.raw.security ?? []) as Record<string, string[]>[];
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries(paths)) {
      const itemPointer = `#/paths/${escapePointerSegment(path)}`;
      const shared = ((item.parameters ?? []) as unknown[]).map((p, i) => this.#parameter(p, `${itemPointer}/parameters/${i}`));
      for (const method of METHODS) {
        const op = item[method] as Record<string, unknown> | undefined;
        if (op === undefined) continue;
        const own = ((op.parameters ?? []) as unknown[]).map((p, i) => this.#parameter(p, `${itemPointer}/${method}/parameters/${i}`));
        const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
        const responses = Object.fromEntries(
          Object.entries((op.responses ?? {}) as Record<string, unknown>).map(([code, r]) => [code, this.resolve<ResponseObject>(r)]),
        );
        const requestBody = op.requestBody === undefined
          ? undefined
          : { ...this.resolve<RequestBodyObject>(op.requestBody), pointer: this.#pointerOf(op.requestBody, `${itemPointer}/${method}/requestBody`) };
        operations.push({
          spec: this.name,
          operationId: String(op.operationId),
          method,
          path,
          parameters,
          ...(requestBody ? { requestBody } : {}),
          responses,
          security: (op.security as Record<string, string[]>[] | undefined) ?? topSecurity,
        });
      }
    }
    return operations;
  }
}

const cache = new Map<SpecName, SpecDocument>();

export function loadSpec(name: SpecName): SpecDocument {
  let spec = cache.get(name);
  if (spec === undefined) {
    const source = ownDocuments();
    spec = new SpecDocument(name, source.document(name), source.origin(name));
    cache.set(name, spec);
  }
  return spec;
}
