import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm'
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose'
import { HotStatement, type Db } from '../../db/client'
import { memberships, people, villages } from '../../db/schema'
import type { Me } from '../../shared/auth'
import { AppError } from '../../shared/errors'
import { hasAnyRole, roleSchema, workshopViewers, type Role } from '../../shared/roles'
import { z } from '../../shared/zod'
import { getEnv } from './env'

const ISSUER = 'xiangyue'
const AUDIENCE = 'xiangyue-miniapp'

/**
 * The HMAC key, imported once per secret: given raw bytes, jose imports a CryptoKey on every
 * sign and verify, about 60 µs of a vote's CPU. Keyed by the secret so a changed environment
 * (tests) gets its own key.
 */
let cachedKey: { secret: string; key: Promise<CryptoKey> } | undefined
function secretKey(): Promise<CryptoKey> {
  const secret = getEnv().SESSION_SECRET
  if (cachedKey?.secret !== secret) {
    const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    cachedKey = { secret, key }
    // A failed import is not cached: the next request tries again.
    key.catch(() => {
      if (cachedKey?.key === key) cachedKey = undefined
    })
  }
  return cachedKey.key
}

/** The claim that carries the person's session version at issue time. */
const VERSION_CLAIM = 'sv'

/**
 * Signs a session for `personId` at `sessionVersion`, the person's current `people.session_version`
 * (0 for someone who never ended a session). Raising the version ends every token signed before.
 */
export async function issueSessionToken(personId: string, sessionVersion = 0): Promise<{ token: string; expiresAt: string }> {
  const ttlSeconds = getEnv().SESSION_TTL_HOURS * 3600
  const expiresAtSeconds = Math.floor(Date.now() / 1000) + ttlSeconds
  const token = await new SignJWT({ [VERSION_CLAIM]: sessionVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(personId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresAtSeconds)
    .sign(await secretKey())
  return { token, expiresAt: new Date(expiresAtSeconds * 1000).toISOString() }
}

/** A verified bearer token: who, and the session version it was issued at. */
export interface TokenClaims {
  personId: string
  sessionVersion: number
}

/**
 * Verifies the bearer token's signature and expiry. Whether its session is still current (not
 * logged out or signed out remotely) is decided against the database, in the request's first
 * statement: `loadSession`, or the handler's own for 'token' routes (`requireCurrentSession`).
 */
export async function tokenFromRequest(request: Request): Promise<TokenClaims | null> {
  const header = request.headers.get('authorization')
  if (!header) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  const token = match?.[1]
  if (!token) throw new AppError('unauthenticated')
  const secret = getEnv().SESSION_SECRET
  const known = verifiedTokens.get(token)
  if (known && known.secret === secret) {
    if (Date.now() < known.expiresAtMs) return known.claims
    verifiedTokens.delete(token)
  }
  try {
    const { payload } = await jwtVerify(token, await secretKey(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    })
    if (typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(payload.sub)) throw new AppError('unauthenticated')
    // Tokens signed before versions existed carry none: they stand at version 0 until the first logout.
    const version = payload[VERSION_CLAIM] ?? 0
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) throw new AppError('unauthenticated')
    const claims: TokenClaims = Object.freeze({ personId: payload.sub, sessionVersion: version })
    rememberVerified(token, secret, claims, payload.exp)
    return claims
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new AppError('session_expired')
    throw new AppError('unauthenticated')
  }
}

/**
 * Tokens whose signature this process has already checked, with what they say: a phone sends the
 * same token with every request for a month, and the HMAC check (WebCrypto, asynchronous) was
 * about a tenth of a vote's CPU. What a token says never changes, so nothing is lost: expiry is
 * checked on every use, and whether the session is still current is decided by the database in
 * the request's first statement, as before. Bounded; a full map starts over (oldest first out).
 */
const verifiedTokens = new Map<string, { secret: string; claims: TokenClaims; expiresAtMs: number }>()
const VERIFIED_TOKENS_MAX = 10_000

function rememberVerified(token: string, secret: string, claims: TokenClaims, exp: number | undefined): void {
  if (exp === undefined || token.length > 2048) return
  if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) {
    const oldest = verifiedTokens.keys().next()
    if (!oldest.done) verifiedTokens.delete(oldest.value)
  }
  verifiedTokens.set(token, { secret, claims, expiresAtMs: exp * 1000 })
}

/**
 * The person's row has moved past the token's version: the session was ended (logout, a remote
 * sign-out, an unbound WeChat). `current` null means the person no longer exists.
 */
export function requireCurrentSession(claims: TokenClaims, current: number | null): void {
  // A valid signature for a person who no longer exists is still not a login.
  if (current === null) throw new AppError('unauthenticated')
  if (claims.sessionVersion !== current) throw new AppError('session_revoked')
}

export interface Session {
  personId: string
  name: string
  birthYear: number
  householdId: string | null
  /** villageId → roles held there. */
  roles: ReadonlyMap<string, readonly Role[]>
}

/**
 * The caller's person (with the session version) and one row per role held (none → a single row
 * of nulls): one statement, embedded as it is by handlers that fold the session into their own
 * first statement.
 */
export function sessionRowsSql(personId: string | Placeholder): SQL {
  return sql`select p.name, p.birth_year, p.household_id, p.session_version, m.village_id, m.role
               from people p left join memberships m on m.person_id = p.id
              where p.id = ${personId}`
}

const sessionRowsStatement = new HotStatement<'personId'>('session_rows', (slot) => sessionRowsSql(slot.personId))

const sessionRow = z.object({
  name: z.string(),
  birth_year: z.number(),
  household_id: z.string().nullable(),
  session_version: z.number(),
  village_id: z.string().nullable(),
  role: roleSchema.nullable(),
})
// Built once: a zod schema compiles its parser on first use, so one built per request pays that every time.
const sessionRows = z.array(sessionRow)

/** The session from `sessionRowsSql`'s rows: refused when ended, or when the person is gone. */
export function sessionFromRows(claims: TokenClaims, rows: readonly unknown[]): Session {
  const parsed = sessionRows.parse(rows)
  const [person] = parsed
  requireCurrentSession(claims, person?.session_version ?? null)
  if (!person) throw new AppError('unauthenticated')
  const roles = new Map<string, Role[]>()
  for (const row of parsed) {
    if (row.village_id && row.role) roles.set(row.village_id, [...(roles.get(row.village_id) ?? []), row.role])
  }
  return { personId: claims.personId, name: person.name, birthYear: person.birth_year, householdId: person.household_id, roles }
}

export async function loadSession(db: Db, claims: TokenClaims): Promise<Session> {
  return sessionFromRows(claims, await sessionRowsStatement.rows(db, { personId: claims.personId }))
}

/** What authorisation needs of a session: who, and the roles held where. */
export type Authority = Pick<Session, 'personId' | 'roles'>

export function requireMember(session: Authority, villageId: string): readonly Role[] {
  const held = session.roles.get(villageId)
  if (!held || held.length === 0) throw new AppError('not_member_of_village')
  return held
}

export function requireRole(session: Authority, villageId: string, allowed: readonly Role[]): readonly Role[] {
  const held = requireMember(session, villageId)
  if (!hasAnyRole(held, allowed)) throw new AppError('forbidden')
  return held
}

export async function describeMe(db: Db, personId: string): Promise<Me> {
  return (await describeSessionHolder(db, personId)).me
}

/** A login's answer: a token at the person's current session version, and who they are. */
export async function issueSession(db: Db, personId: string): Promise<{ token: string; expiresAt: string; me: Me }> {
  const { me, sessionVersion } = await describeSessionHolder(db, personId)
  return { ...(await issueSessionToken(personId, sessionVersion)), me }
}

async function describeSessionHolder(db: Db, personId: string): Promise<{ me: Me; sessionVersion: number }> {
  const [person] = await db.select().from(people).where(eq(people.id, personId))
  if (!person) throw new AppError('unauthenticated')
  const rows = await db
    .select({
      villageId: villages.id,
      villageName: villages.name,
      villageKind: villages.kind,
      township: villages.township,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(villages, eq(villages.id, memberships.villageId))
    .where(eq(memberships.personId, personId))
    .orderBy(villages.name)
  const byVillage = new Map<string, Me['memberships'][number]>()
  for (const row of rows) {
    const entry = byVillage.get(row.villageId) ?? {
      villageId: row.villageId,
      villageName: row.villageName,
      villageKind: row.villageKind,
      township: row.township,
      roles: [],
    }
    entry.roles.push(row.role)
    byVillage.set(row.villageId, entry)
  }
  return {
    me: {
      person: { id: person.id, name: person.name, birthYear: person.birthYear, householdId: person.householdId },
      memberships: [...byVillage.values()],
    },
    sessionVersion: person.sessionVersion,
  }
}

/**
 * Micro-factory: a worker household's pay and material are read by the head and branch, or by a
 * member of that household (who may live in another village and hold no role here).
 */
export function requireOwnWorkerOrViewer(session: Session, workshop: { villageId: string }, worker: { householdId: string }): void {
  if (hasAnyRole(session.roles.get(workshop.villageId) ?? [], workshopViewers)) return
  if (session.householdId !== null && session.householdId === worker.householdId) return
  throw new AppError('piecework_not_your_pay')
}
