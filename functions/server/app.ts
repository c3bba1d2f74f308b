import path from 'node:path'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { repoRoot } from '../../db/client'
import { byMethod } from '../handler'
import { clientAddressFromSocket as setClientAddress } from '../lib/rate-limit'
import { addApiResponseHeaders, carriesApiHeaders } from '../lib/route'
import { securityHeaders } from '../lib/security-headers'

export const h5Root = path.join(repoRoot, 'miniapp', 'dist', 'h5')

/**
 * The local stand-in for Vercel: /api/* goes to the same handler module Vercel deploys (picked by
 * method export, as @vercel/node does), everything else is the built H5 app. Hono is only the
 * adapter here; no route logic lives in it.
 */
export function createApp(): Hono {
  const app = new Hono()
  const securityHeaderRecord = Object.fromEntries(securityHeaders.map(({ key, value }) => [key, value]))
  // API answers are built with them (a plain object at construction); everything else gets them here.
  addApiResponseHeaders(securityHeaderRecord)
  app.use('*', async (c, next) => {
    await next()
    if (carriesApiHeaders(c.res)) return
    for (const { key, value } of securityHeaders) c.res.headers.set(key, value)
  })
  app.use('*', compress())
  app.all('/api/*', (c) => {
    // The caller's address for rate limits, from the socket: what a client sends is ignored, as
    // Vercel's edge overwrites the same header. Handed over beside the request, not written
    // into its headers: writing them makes the adapter copy every header of every request.
    const request = c.req.raw
    setClientAddress(request, remoteAddress(c) ?? null)
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
