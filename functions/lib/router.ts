import { routes } from '../routes'
import { errorResponse, handleErrors, toWebHandler, type AnyRoute } from './route'

const handlers = new Map<string, { route: AnyRoute; handle: (request: Request) => Promise<Response> }>()
for (const route of routes) handlers.set(route.path, { route, handle: toWebHandler(route) })

/** Dispatches /api/* exactly as Vercel's file routing would: one path, one function. */
export function dispatch(request: Request): Promise<Response> {
  return handleErrors(async () => {
    const { pathname } = new URL(request.url)
    const entry = handlers.get(pathname.replace(/\/+$/, ''))
    if (!entry) return errorResponse('route_not_found')
    return entry.handle(request)
  })
}
