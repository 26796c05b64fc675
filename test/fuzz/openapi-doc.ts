import { sample } from 'openapi-sampler';

/** A JSON schema as openapi-sampler types it. */
export type JSONSchema7 = Parameters<typeof sample>[0];

/** The parts of the served OpenAPI 3 document the fuzzer reads. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JSONSchema7> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: JSONSchema7 }[];
  requestBody?: { content: Record<string, { schema: JSONSchema7 }> };
}

/** One operation of the document, ready to be fuzzed. */
export interface Operation {
  /** `POST /api/v1/needs/{id}/close`: names the operation in the report and in FUZZ_OP. */
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** Every `{name}` of the path (the document does not declare them all). */
  pathParams: string[];
  query: { name: string; schema: JSONSchema7 }[];
  /** The JSON body: its schema and a valid-looking sample (openapi-sampler) to mutate. */
  body?: { schema: JSONSchema7; baseline: unknown };
  /** POST/PUT/PATCH without a documented body (actions, the multipart upload). */
  takesBody: boolean;
  /** The file upload (its multipart body is not described in the document). */
  multipart: boolean;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function operations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const schema = op.requestBody?.content['application/json']?.schema;
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method as Operation['method'],
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        query: (op.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: schema
          ? { schema, baseline: sample(schema, { skipReadOnly: true, quiet: true }, doc) }
          : undefined,
        takesBody: method !== 'get' && method !== 'delete',
        multipart: method === 'post' && /\/attachments$/.test(path),
      });
    }
  }
  return ops.sort((a, b) => a.key.localeCompare(b.key));
}

/** The enum values a query parameter's schema allows, if any (valid values reach deeper). */
export function enumValues(schema: JSONSchema7): string[] {
  return (schema.enum ?? []).map(String);
}
