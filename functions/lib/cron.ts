import { createHash, timingSafeEqual } from 'node:crypto'
import { getEnv } from './env'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/**
 * Vercel Cron calls with `Authorization: Bearer $CRON_SECRET`. Compared as SHA-256 digests, so the
 * comparison takes the same time whatever the header's length or how much of it matches. Without
 * a secret configured nothing is accepted: the route is for the scheduler only.
 */
export function cronAuthorised(request: Request): boolean {
  const secret = getEnv().CRON_SECRET
  if (!secret) return false
  const header = request.headers.get('authorization') ?? ''
  return timingSafeEqual(digest(header), digest(`Bearer ${secret}`))
}
