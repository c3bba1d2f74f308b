import path from 'node:path'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { repoRoot } from '../../db/client'
import { byMethod } from '../handler'
import { securityHeaders } from '../lib/security-headers'

export const h5Root = path.join(repoRoot, 'miniapp', 'dist', 'h5')

/**
 * The local stand-in for Vercel: /api/* goes to the same handler module Vercel deploys (picked by
 * method export, as @vercel/node does), everything else is the built H5 app. Hono is only the
 * adapter here; no route logic lives in it.
 */
export function createApp(): Hono {
  const app = new Hono()
  app.use('*', async (c, next) => {
    await next()
    for (const { key, value } of securityHeaders) c.res.headers.set(key, value)
  })
  app.use('*', compress())
  app.all('/api/*', (c) => {
    // The caller's address for rate limits, from the socket: what a client sends is overwritten,
    // as Vercel's edge does with the same header.
    const request = c.req.raw
    const address = remoteAddress(c)
    if (address) request.headers.set('x-real-ip', address)
    else request.headers.delete('x-real-ip')
    return byMethod(request)
  })
  app.use(
    '/*',
    serveStatic({
      root: path.relative(process.cwd(), h5Root) || '.',
      onFound: (filePath, c) => {
        // Hashed assets never change; index.html and the service worker must always be revalidated.
        c.header('cache-control', /(index\.html|sw\.js)$/.test(filePath) ? 'no-cache' : 'public, max-age=31536000, immutable')
      },
    }),
  )
  app.get('*', serveStatic({ path: path.relative(process.cwd(), path.join(h5Root, 'index.html')) }))
  return app
}

function remoteAddress(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    // Not served from a socket (app.request in a test): no address to count by.
    return undefined
  }
}
