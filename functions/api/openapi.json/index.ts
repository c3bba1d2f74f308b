import { z } from 'zod'
import { getEnv } from '../../lib/env'
import { buildOpenApi } from '../../lib/openapi'
import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  summary: '由共享 zod 模式生成的 OpenAPI 3 文档',
  tags: ['system'],
  auth: 'none',
  tenancy: 'public',
  response: z.record(z.string(), z.unknown()),
  // The answer's type is written out: inferred, it would depend on the registry's type, which
  // depends on this route's.
  handler: async ({ request }): Promise<Record<string, unknown>> => {
    // Imported lazily: the registry imports this route, so a top-level import would be a cycle.
    const { routes } = await import('../../routes')
    return buildOpenApi(routes, { serverUrl: getEnv().PUBLIC_BASE_URL ?? new URL(request.url).origin })
  },
})

export const GET = toWebHandler(route)
