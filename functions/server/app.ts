import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { repoRoot } from '../../db/client'
import { byMethod } from '../handler'

export const h5Root = path.join(repoRoot, 'miniapp', 'dist', 'h5')

/**
 * The local stand-in for Vercel: /api/* goes to the same handler module Vercel deploys (picked by
 * method export, as @vercel/node does), everything else is the built H5 app. Hono is only the
 * adapter here; no route logic lives in it.
 */
export function createApp(): Hono {
  const app = new Hono()
  app.use('*', compress())
  app.all('/api/*', (c) => byMethod(c.req.raw))
  app.use(
    '/*',
    serveStatic({
      root: path.relative(process.cwd(), h5Root) || '.',
      onFound: (filePath, c) => {
        // Hashed assets never change; index.html must always be revalidated.
        c.header('cache-control', /index\.html$/.test(filePath) ? 'no-cache' : 'public, max-age=31536000, immutable')
      },
    }),
  )
  app.get('*', serveStatic({ path: path.relative(process.cwd(), path.join(h5Root, 'index.html')) }))
  return app
}
