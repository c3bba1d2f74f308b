import { dispatch } from './lib/router'

/**
 * The one handler contract of the API, Web-standard Request → Response. Vercel's Node runtime
 * (`@vercel/node`) calls the export named after the request's method; the local server
 * (functions/server/app.ts), the bundle's test server (scripts/serve-bundle.mjs) and the tests
 * pick the export the same way, so all of them run exactly what is deployed.
 */
export type WebHandler = (request: Request) => Promise<Response>

/** Every route, dispatched by path through functions/routes.ts (the router answers 404/405 itself). */
const handle: WebHandler = (request) => dispatch(request)

export const GET: WebHandler = handle
export const POST: WebHandler = handle
// Methods no route uses still reach the router, so they get our 405 envelope, not the platform's.
export const PUT: WebHandler = handle
export const PATCH: WebHandler = handle
export const DELETE: WebHandler = handle
export const OPTIONS: WebHandler = handle
export const HEAD: WebHandler = handle

export const methods = { GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD } as const

/** What Vercel does with a module of method exports, for servers that are not Vercel. */
export function byMethod(request: Request): Promise<Response> {
  const handler = (methods as Record<string, WebHandler | undefined>)[request.method]
  return handler ? handler(request) : Promise.resolve(new Response(null, { status: 405 }))
}
