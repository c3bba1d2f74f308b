import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { queryRows, type Db, type Tx } from '../../db/client'
import { AppError } from '../../shared/errors'
import { z } from '../../shared/zod'

export interface RateRule {
  /** Part of the bucket's name; rules never share one. */
  name: string
  /** Attempts allowed in one window; the next one is answered 429 until the window ends. */
  limit: number
  windowSeconds: number
}

/**
 * The guessable inputs and how often each may be tried. A village meeting can put a hundred
 * villagers behind one address (the hall's Wi-Fi, a carrier's NAT), so per-address limits are
 * wide and the narrow ones are per WeChat account; an invite code (32^8 values) is then out of
 * reach of guessing while a villager who mistypes it a few times is not locked out.
 */
export const RATE_RULES = {
  /** WeChat logins from one address. */
  loginPerAddress: { name: 'login:address', limit: 300, windowSeconds: 10 * 60 },
  /** WeChat logins by one WeChat account (openid). */
  loginPerOpenid: { name: 'login:openid', limit: 20, windowSeconds: 10 * 60 },
  /** Invite codes tried from one address. */
  inviteRedeemPerAddress: { name: 'invite:address', limit: 60, windowSeconds: 60 * 60 },
  /** Invite codes tried by one WeChat account. */
  inviteRedeemPerOpenid: { name: 'invite:openid', limit: 10, windowSeconds: 60 * 60 },
  /** Invites a village's branch may mint in a day: every live code is one more a guess could hit. */
  inviteCreatePerVillage: { name: 'invite-create:village', limit: 300, windowSeconds: 24 * 60 * 60 },
} as const satisfies Record<string, RateRule>

export interface RateHit {
  rule: RateRule
  /** Who or what is counted: an openid, an address, a village id. Stored only as a hash. */
  subject: string
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `尝试次数太多了，请${waitText(retryAfterSeconds)}后再试`)
  }
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`
  return `${Math.ceil(seconds / 3600)} 小时`
}

/**
 * The caller's address. Vercel sets `x-real-ip` itself (a client's own value is overwritten) and
 * the local server sets it from the socket; a request without it (an in-process test) has none.
 */
export function clientAddress(request: Request): string | null {
  const value = socketAddresses.has(request) ? socketAddresses.get(request) : request.headers.get('x-real-ip')?.trim()
  return value ? value.slice(0, 64) : null
}

/** What the local server read from the socket, in place of any `x-real-ip` the request carries. */
const socketAddresses = new WeakMap<Request, string | null>()

export function clientAddressFromSocket(request: Request, address: string | null): void {
  socketAddresses.set(request, address)
}

function bucketOf(hit: RateHit): string {
  return `${hit.rule.name}:${createHash('sha256').update(hit.subject).digest('hex').slice(0, 32)}`
}

const counted = z.object({ bucket: z.string(), hits: z.coerce.number(), retry_after: z.coerce.number() })

/**
 * Counts one attempt in each bucket, in one statement (a fixed window per bucket, restarted by the
 * first attempt after it ends), and answers what the buckets now hold.
 */
async function count(db: Db | Tx, hits: readonly RateHit[]): Promise<{ hit: RateHit; hits: number; retryAfter: number }[]> {
  const byBucket = new Map(hits.map((hit) => [bucketOf(hit), hit]))
  if (byBucket.size === 0) return []
  const values = [...byBucket].map(([bucket, hit]) => sql`(${bucket}, now(), ${hit.rule.windowSeconds}::int, 1)`)
  const rows = await queryRows(
    db,
    sql`insert into rate_limits as r (bucket, window_started_at, window_seconds, hits)
        values ${sql.join(values, sql`, `)}
        on conflict (bucket) do update set
          hits = case when r.window_started_at + make_interval(secs => r.window_seconds) <= now() then 1 else r.hits + 1 end,
          window_started_at = case when r.window_started_at + make_interval(secs => r.window_seconds) <= now() then now() else r.window_started_at end,
          window_seconds = excluded.window_seconds
        returning bucket, hits,
          greatest(1, ceil(extract(epoch from (window_started_at + make_interval(secs => window_seconds) - clock_timestamp()))))::int as retry_after`,
  )
  return rows.map((raw) => {
    const row = counted.parse(raw)
    const hit = byBucket.get(row.bucket)
    if (!hit) throw new Error(`rate_limits answered an unknown bucket ${row.bucket}`)
    return { hit, hits: row.hits, retryAfter: row.retry_after }
  })
}

/** Counts the attempt and refuses it (429, with how long to wait) if any bucket is over its limit. */
export async function consumeRateLimit(db: Db | Tx, hits: readonly RateHit[]): Promise<void> {
  const over = (await count(db, hits)).filter((row) => row.hits > row.hit.rule.limit)
  if (over.length > 0) throw new RateLimitedError(Math.max(...over.map((row) => row.retryAfter)))
}
