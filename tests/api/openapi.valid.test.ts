import SwaggerParser from '@apidevtools/swagger-parser'
import { describe, expect, it } from 'vitest'
import { routes } from '../../functions/routes'
import { setupApi } from '../harness/api'

const api = await setupApi()

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document by a maintained validator, with a unique operationId per route and servers', async () => {
    const res = await api.call<Record<string, unknown>>('GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    // The validator dereferences in place: it gets a copy, the assertions below read the original.
    await expect(SwaggerParser.validate(structuredClone(res.body) as never)).resolves.toBeDefined()
    const doc = res.body as { servers: { url: string }[]; paths: Record<string, Record<string, { operationId?: string }>> }
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'http://xiangyue.test' })])
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId))
    expect(ids).toHaveLength(routes.length)
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]*$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('states the shared shapes once: the error envelope is a component, not repeated per answer', async () => {
    const res = await api.call('GET', '/api/openapi.json')
    const text = JSON.stringify(res.body)
    // 1.9 MB for ~100 routes (19 KB a route) when each of ~350 error answers carried the whole
    // error-code enum; with the envelope a component it is about 3 KB a route, growing with routes.
    expect(text.length / routes.length).toBeLessThan(4 * 1024)
    expect(text.split('"enum":["invalid_json"').length - 1).toBe(1)
    const doc = res.body as { paths: Record<string, { post?: { responses: Record<string, { $ref?: string }> } }> }
    expect(doc.paths['/api/land/votes/cast']?.post?.responses['503']).toEqual({ $ref: '#/components/responses/Unavailable' })
  })
})
