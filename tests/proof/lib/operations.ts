import { expect } from 'vitest'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { roles, type Role } from '../../../shared/roles'
import type { ApiHarness } from '../../harness/api'

export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  prefixItems?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  default?: unknown
  additionalProperties?: JsonSchema | boolean
}

export interface QueryParam {
  name: string
  required: boolean
  schema: JsonSchema
}

/** One operation of the generated OpenAPI document, as the proof suites read it. */
export interface Operation {
  method: 'GET' | 'POST'
  path: string
  tags: string[]
  auth: 'none' | 'user'
  /** `x-roles`: who may call it in their own village; null = any member. */
  roles: Role[] | null
  body: JsonSchema | null
  query: QueryParam[]
  /** Renders a file instead of JSON (e.g. a spreadsheet). */
  binary: boolean
}

interface RawOperation {
  tags?: string[]
  'x-auth'?: string
  'x-roles'?: string[]
  'x-ends-sessions'?: boolean
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
  responses?: Record<string, { content?: Record<string, unknown> }>
}

/** Every operation, read from GET /api/openapi.json through the real router: a new route is covered at once. */
export async function loadOperations(api: ApiHarness): Promise<Operation[]> {
  const res = await api.call<{ paths: Record<string, Record<string, RawOperation>> }>('GET', '/api/openapi.json')
  expect(res.status).toBe(200)
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(res.body.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      // Logout and remote sign-out end the logins these sweeps reuse for every later route; they
      // have their own tests (tests/api/auth/sessions*.test.ts).
      if (op['x-ends-sessions']) continue
      const success = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1]
      operations.push({
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        tags: op.tags ?? [],
        auth: op['x-auth'] === 'none' ? 'none' : 'user',
        roles: op['x-roles'] ? op['x-roles'].filter((role): role is Role => (roles as readonly string[]).includes(role)) : null,
        body: op.requestBody?.content['application/json']?.schema ?? null,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
        binary: success?.content ? !('application/json' in success.content) : false,
      })
    }
  }
  return operations
}

export type Feature = 'land' | 'garden' | 'piecework' | 'other'

export function featureOf(op: Operation): Feature {
  for (const feature of ['land', 'garden', 'piecework'] as const) {
    if (op.tags.includes(feature) || op.path.startsWith(`/api/${feature}/`)) return feature
  }
  return 'other'
}

/** The powerful demo person for each feature, and the village their feature lives in. */
export const ACTOR: Record<Feature, { name: string; village: 'gaojing' | 'caibei' | 'guanli' }> = {
  land: { name: DEMO_PEOPLE.secretary, village: 'gaojing' },
  garden: { name: DEMO_PEOPLE.gardenSteward, village: 'caibei' },
  piecework: { name: DEMO_PEOPLE.workshopHead, village: 'guanli' },
  other: { name: DEMO_PEOPLE.secretary, village: 'gaojing' },
}
