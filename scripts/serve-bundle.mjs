// Serves the deployable bundle (dist/api/index.mjs, or the file given) with plain `node`, no tsx:
// the API smoke test's stand-in for Vercel. Like @vercel/node it calls the module's export named
// after the request's method with a Web Request. Prints "listening <port>" once ready.
import { createServer } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { getRequestListener } from '@hono/node-server'

const bundle = path.resolve(process.argv[2] ?? 'dist/api/index.mjs')
const api = await import(pathToFileURL(bundle).href)
const listener = getRequestListener((request) => {
  const handler = api[request.method]
  return typeof handler === 'function' ? handler(request) : new Response(null, { status: 405 })
})
const server = createServer(listener)
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address()
  console.log(`listening ${typeof address === 'object' && address ? address.port : '?'}`)
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)))
