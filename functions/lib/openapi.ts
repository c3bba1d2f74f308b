import { z } from 'zod'
import { errorBodySchema, errorCatalog, type ErrorCode } from '../../shared/errors'
import type { AnyRoute } from './route'

type JsonSchema = Record<string, unknown>

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
  return rest
}

function commonErrors(route: AnyRoute): ErrorCode[] {
  const codes: ErrorCode[] = ['internal_error', 'database_unavailable']
  if (route.query || route.body) codes.push('validation_failed')
  if (route.body) codes.push('invalid_json', 'payload_too_large', 'unsupported_media_type')
  if (route.auth !== 'none') codes.push('unauthenticated', 'session_expired', 'session_revoked')
  return codes
}

/** OpenAPI 3.1 generated from the same zod schemas that validate requests: no hand-written spec. */
export function buildOpenApi(routes: readonly AnyRoute[]): JsonSchema {
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
      responses[String(status)] = {
        description: codes.map((code) => `${code}: ${errorCatalog[code].message}`).join('; '),
        content: { 'application/json': { schema: errorSchema } },
        'x-error-codes': codes,
      }
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
    if (route.method === 'POST') {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: '客户端生成的请求编号；网络重试时带同一编号，不会重复生效',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' },
      })
    }
    paths[route.path] = {
      [route.method.toLowerCase()]: {
        summary: route.summary,
        tags: route.tags ?? [],
        security: route.auth !== 'none' ? [{ bearer: [] }] : [],
        // 'token' routes need the same login; they only read the caller's roles themselves.
        'x-auth': route.auth === 'none' ? 'none' : 'user',
        ...(route.roles ? { 'x-roles': [...route.roles] } : {}),
        ...(route.endsSessions ? { 'x-ends-sessions': true } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
          : {}),
        responses,
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: '乡约 Xiangyue API', version: '0.1.0', description: '村务自治小程序接口：移风易俗奖耕地、共享菜园、微工厂计件' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  }
}
