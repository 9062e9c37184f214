// The OpenAPI 3.1 document, generated from the same route table Fastify registers and validates with.
import type { RouteDef } from './routes.js';
import { ALL_ROUTES } from './route-table.js';
import { COMPONENTS, P, type JsonSchema } from './schemas.js';

/** The query schema Fastify validates with: declared params, + scenario and format where the route takes them. */
export function querySchema(route: RouteDef): {
  type: 'object';
  properties: Record<string, JsonSchema>;
  required: string[];
  additionalProperties: false;
} {
  const properties: Record<string, JsonSchema> = { ...route.params };
  if (route.scenario) properties.scenario = P.scenario;
  properties.format = P.format(route.csv ? ['json', 'csv'] : ['json']);
  return { type: 'object', properties, required: route.required ?? [], additionalProperties: false };
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const route of ALL_ROUTES) {
    const q = querySchema(route);
    const method = route.method === 'POST' ? 'post' : 'get';
    const requestBody =
      route.method === 'POST'
        ? {
            requestBody: {
              required: true,
              content: {
                ...(route.body ? { 'application/json': { schema: route.body } } : {}),
                ...(route.textBody
                  ? {
                      'text/csv': { schema: { type: 'string' } },
                      'text/plain': { schema: { type: 'string' } },
                    }
                  : {}),
              },
            },
          }
        : {};
    paths[route.url] = {
      ...((paths[route.url] as object | undefined) ?? {}),
      [method]: {
        ...requestBody,
        operationId: route.operationId,
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        tags: [route.tag],
        parameters: Object.entries(q.properties).map(([name, schema]) => {
          const { description, examples, ...rest } = schema as { description?: string; examples?: unknown[] };
          return {
            name,
            in: 'query',
            required: q.required.includes(name),
            description,
            schema: rest,
            ...(examples ? { example: examples[0] } : {}),
          };
        }),
        responses: {
          '200': {
            description: route.summary,
            content: {
              'application/json': { schema: route.response },
              ...(route.csv ? { 'text/csv': { schema: { type: 'string', description: 'with format=csv' } } } : {}),
            },
          },
          '400': errorResponse('bad input: the message names the parameter (field) and how to fix it'),
          ...(route.heavy || route.scenario
            ? {
                '503': errorResponse(
                  'too many expensive requests at once (or one ran too long): retry after the Retry-After header',
                ),
              }
            : {}),
          '500': errorResponse('internal error (no details are sent)'),
        },
      },
    };
  }
  paths['/healthz'] = {
    get: {
      operationId: 'health',
      summary: 'Liveness: the server is up and its data loaded',
      tags: ['meta'],
      responses: {
        '200': {
          description: 'ok',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { ok: { type: 'boolean' }, ledger_as_of: { type: 'string' } },
                required: ['ok', 'ledger_as_of'],
              },
            },
          },
        },
      },
    },
  };
  paths['/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      tags: ['meta'],
      responses: {
        '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'tradewar API',
      version,
      description:
        'The US–China trade conflict as dated, sourced data: duty stacks, trade-weighted averages, events, scenarios. ' +
        'Every query route takes format=json (default) and, where listed, format=csv. Bad input answers 400 {error, field}.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: COMPONENTS },
  };
}
