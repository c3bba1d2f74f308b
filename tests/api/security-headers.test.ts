/**
 * Safe defaults: no security headers were sent. One definition (functions/lib/security-headers.ts)
 * is sent by the local server on every response, and vercel.json carries the same set for the
 * deployment; this file fails when either drifts from it.
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../db/client'
import { contentSecurityPolicy, securityHeaders } from '../../functions/lib/security-headers'
import { createApp } from '../../functions/server/app'
import { setupApi } from '../harness/api'

await setupApi({ DEMO_LOGIN: '1' })
const server = serve({ fetch: createApp().fetch, port: 0, hostname: '127.0.0.1' })
await new Promise<void>((resolve) => server.once('listening', () => resolve()))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const EXPECTED_KEYS = ['Content-Security-Policy', 'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Strict-Transport-Security']

describe('the header set', () => {
  it('names every header the issue asks for, with values that do what it asks', () => {
    const byKey = new Map(securityHeaders.map(({ key, value }) => [key, value]))
    for (const key of EXPECTED_KEYS) expect(byKey.has(key), key).toBe(true)
    const directives = new Map(
      contentSecurityPolicy.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/)
        return [name ?? '', values]
      }),
    )
    // No inline script, no eval: only the app's own files run.
    expect(directives.get('script-src')).toEqual(["'self'"])
    // A vote button is never framed by another page.
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(byKey.get('X-Frame-Options')).toBe('DENY')
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(byKey.get('X-Content-Type-Options')).toBe('nosniff')
    expect(byKey.get('Strict-Transport-Security')).toMatch(/^max-age=(\d{8,})/)
  })

  it('the H5 page template leaves the inline script to the build plugin that removes it', () => {
    // Taro writes its inline rem script in place of this placeholder; miniapp/config drops it.
    const config = readFileSync(path.join(repoRoot, 'miniapp', 'config', 'index.ts'), 'utf8')
    expect(config).toMatch(/noInlineScript,/)
    const template = readFileSync(path.join(repoRoot, 'miniapp', 'src', 'index.html'), 'utf8')
    const inline = [...template.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])
    expect(inline).toEqual(['<%= htmlWebpackPlugin.options.script %>'])
  })
})

describe('the local server', () => {
  it.each(['/api/health', '/api/me', '/api/no-such-route', '/', '/index.html', '/packages/land/vote/index'])('sends the whole set on %s', async (url) => {
    const res = await fetch(`${base}${url}`)
    for (const { key, value } of securityHeaders) expect(res.headers.get(key), `${url} ${key}`).toBe(value)
  })

  it('sends it on a POST answered with an error as well', async () => {
    const res = await fetch(`${base}/api/auth/logout`, { method: 'POST' })
    expect(res.status).toBe(401)
    for (const { key, value } of securityHeaders) expect(res.headers.get(key), key).toBe(value)
  })
})

describe('vercel.json', () => {
  it('sends exactly the same set on every path', () => {
    const config = JSON.parse(readFileSync(path.join(repoRoot, 'vercel.json'), 'utf8')) as {
      headers?: { source: string; headers: { key: string; value: string }[] }[]
    }
    const everywhere = config.headers?.filter((entry) => entry.source === '/(.*)') ?? []
    expect(everywhere).toHaveLength(1)
    const sent = everywhere[0]?.headers ?? []
    for (const header of securityHeaders) expect(sent, header.key).toContainEqual(header)
    const ours = new Set(securityHeaders.map((h) => h.key.toLowerCase()))
    // Nothing else on that entry claims one of our names with another value.
    expect(sent.filter((h) => ours.has(h.key.toLowerCase()))).toEqual([...securityHeaders])
  })
})
