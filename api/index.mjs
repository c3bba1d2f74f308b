// The one Vercel function. vercel.json rewrites every /api/* request here; @vercel/node calls the
// export named after the request's method with a Web Request. The code is the esbuild bundle of
// functions/handler.ts (every route of functions/api/, one file per route in the source), built
// by `npm run build:api` (package.json's vercel-build, which Vercel runs before tracing this file).
export { GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD } from '../dist/api/index.mjs'
