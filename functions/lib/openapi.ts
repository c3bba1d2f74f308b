import { z } from 'zod'
import { errorBodySchema, errorCatalog, type ErrorCode } from '../../shared/errors'
import type { AnyRoute } from './route'

type JsonSchema = Record<string, unknown>

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
  return rest
}

function commonErrors(route: AnyRoute): ErrorCode[] {
  const codes: ErrorCode[] = ['internal_error', 'database_unavailable', 'schema_not_migrated']
  if (route.query || route.body) codes.push('validation_failed')
  if (route.body) codes.push('invalid_json', 'payload_too_large', 'unsupported_media_type')
  if (route.auth !== 'none') codes.push('unauthenticated', 'session_expired', 'session_revoked')
  return codes
}

/** `/api/land/votes/cast` → `landVotesCast`: unique because one path is one route. */
export function operationIdOf(path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  return words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('')
}

const errorBodyRef = { $ref: '#/components/schemas/ErrorBody' }

function errorResponse(codes: readonly ErrorCode[]): Record<string, unknown> {
  return {
    description: codes.map((code) => `${code}: ${errorCatalog[code].message}`).join('; '),
    content: { 'application/json': { schema: errorBodyRef } },
    'x-error-codes': [...codes],
  }
}

/** Error answers most routes share, by status: declared once under components.responses. */
const sharedResponses: Record<string, readonly ErrorCode[]> = {
  Unauthenticated: ['unauthenticated', 'session_expired'],
  InternalError: ['internal_error'],
  Unavailable: ['database_unavailable', 'schema_not_migrated'],
}

function sharedResponseFor(codes: readonly ErrorCode[]): string | undefined {
  const key = [...codes].sort().join(',')
  return Object.entries(sharedResponses).find(([, shared]) => [...shared].sort().join(',') === key)?.[0]
}

export interface OpenApiOptions {
  /** The API's public origin, for `servers`. */
  serverUrl?: string
}

/**
 * OpenAPI 3.1 generated from the same zod schemas that validate requests: no hand-written spec.
 * Shapes every route repeats (the error envelope, the common error answers, the Idempotency-Key
 * header) are components referenced by `$ref`; request and response bodies stay inline.
 */
export function buildOpenApi(routes: readonly AnyRoute[], options: OpenApiOptions = {}): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {}
  const errorSchema = schemaOf(errorBodySchema, 'output')
  for (const route of routes) {
    const byStatus = new Map<number, ErrorCode[]>()
    for (const code of new Set([...commonErrors(route), ...(route.errors ?? [])])) {
      const status = errorCatalog[code].status
      byStatus.set(status, [...(byStatus.get(status) ?? []), code])
    }
    const responses: Record<string, unknown> = {
      [String(route.successStatus ?? 200)]: {
        description: 'OK',
        content: route.renders
          ? { [route.renders]: { schema: { type: 'string', format: 'binary' } } }
          : { 'application/json': { schema: schemaOf(route.response, 'output') } },
      },
    }
    for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      const shared = sharedResponseFor(codes)
      responses[String(status)] = shared ? { $ref: `#/components/responses/${shared}` } : errorResponse(codes)
    }
    const parameters: unknown[] = []
    if (route.query) {
      const querySchema = schemaOf(route.query, 'input')
      const properties = (querySchema.properties ?? {}) as Record<string, JsonSchema>
      const required = new Set((querySchema.required ?? []) as string[])
      for (const [name, schema] of Object.entries(properties)) {
        parameters.push({ name, in: 'query', required: required.has(name), schema })
      }
    }
    if (route.method === 'POST') parameters.push({ $ref: '#/components/parameters/IdempotencyKey' })
    paths[route.path] = {
      [route.method.toLowerCase()]: {
        operationId: operationIdOf(route.path),
        summary: route.summary,
        tags: route.tags ?? [],
        security: route.auth !== 'none' ? [{ bearer: [] }] : [],
        // 'token' routes need the same login; they only read the caller's roles themselves.
        // 'cron': the scheduler's bearer secret, not a login.
        'x-auth': route.auth === 'none' ? 'none' : route.auth === 'cron' ? 'cron' : 'user',
        ...(route.roles ? { 'x-roles': [...route.roles] } : {}),
        'x-tenancy': route.tenancy,
        ...(route.endsSessions ? { 'x-ends-sessions': true } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
        responses,
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: '乡约 Xiangyue API', version: '0.1.0', description: '村务自治小程序接口：移风易俗奖耕地、共享菜园、微工厂计件' },
    servers: [{ url: options.serverUrl ?? '/', description: '乡约 API' }],
    components: {
      schemas: { ErrorBody: errorSchema },
      responses: Object.fromEntries(Object.entries(sharedResponses).map(([name, codes]) => [name, errorResponse(codes)])),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: '客户端生成的请求编号；网络重试时带同一编号，不会重复生效',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' },
        },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  }
}
