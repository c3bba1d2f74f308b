/**
 * The security headers of every response, page or API, from the local server and from Vercel
 * alike. vercel.json cannot import this file, so it holds a copy in its top-level `headers`, and
 * tests/api/security-headers.test.ts fails when the two differ.
 */

/**
 * What the H5 app needs and nothing more: its own scripts (index.html carries no inline script),
 * its own styles plus inline ones (the first screen's <style> and the style attributes React and
 * NutUI set), images and NutUI's icon font from itself or as data: URIs (QR codes are data: PNGs),
 * and the API on the same origin. Never framed: a vote button must not sit under someone else's page.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** In Vercel's own shape (`{ key, value }`), so vercel.json's copy can be compared as it is. */
export const securityHeaders: readonly { key: string; value: string }[] = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // For browsers that predate frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  // Links on printed notices carry ids; no other site needs to see where a villager came from.
  { key: 'Referrer-Policy', value: 'no-referrer' },
  // Browsers ignore it over plain http (the local server); on the deployment it pins https.
  { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
]
