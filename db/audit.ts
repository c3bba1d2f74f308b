import { waitUntil } from '@vercel/functions'
import { asc, eq, sql } from 'drizzle-orm'
import { GENESIS_HASH, hashAuditEntry, verifyAuditChain, type AuditEntry, type ChainVerdict } from '../shared/audit'
import type { Db, Tx } from './client'
import { auditHeads, auditLog, auditOutbox } from './schema'

export interface AuditInput {
  villageId: string
  actorPersonId: string | null
  action: string
  subjectType: string
  subjectId: string
  payload?: Record<string, unknown>
}

export interface PendingEntry {
  villageId: string
  id: number
}

/**
 * The entries a request writes, by the transaction it writes them in, so the request can have them
 * sealed once it commits. Carried by the transaction object, not an AsyncLocalStorage: one of
 * those, used once, puts promise hooks on every promise of the process (a few % of a vote's CPU).
 */
const requestEntries = new WeakMap<object, PendingEntry[]>()

/** From now on, entries appended in `scope` (a request's transaction) are noted in `entries`. */
export function collectAuditEntries(scope: Tx | Db, entries: PendingEntry[]): void {
  requestEntries.set(scope, entries)
}

/** A transaction opened inside `parent` (a savepoint) notes its entries where `parent` does. */
export function inheritAuditEntries(parent: Tx | Db, child: Tx): void {
  const entries = requestEntries.get(parent)
  if (entries) requestEntries.set(child, entries)
}

/**
 * Records a change inside the caller's transaction, so the entry exists exactly when the change
 * does. It goes to the outbox without any lock; `sealAudit` links it into the village's chain.
 */
export async function appendAudit(tx: Tx | Db, input: AuditInput): Promise<void> {
  const [row] = await tx.insert(auditOutbox).values(auditOutboxRow(input)).returning({ id: auditOutbox.id })
  if (row) requestEntries.get(tx)?.push({ villageId: input.villageId, id: row.id })
}

/** The outbox row for an entry, for a write that inserts it within its own statement. */
export function auditOutboxRow(input: AuditInput): typeof auditOutbox.$inferInsert & { payload: Record<string, unknown>; recordedAt: string } {
  return {
    villageId: input.villageId,
    actorPersonId: input.actorPersonId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    payload: input.payload ?? {},
    recordedAt: new Date().toISOString(),
  }
}

/**
 * Moves a village's pending entries into its hash chain, in the order they were committed. The
 * head row lock makes sealers of one village take turns; each takes everything pending, so under
 * a burst of writes a few batches do the work of hundreds of appends.
 */
export async function sealAudit(db: Db | Tx, villageId?: string): Promise<number> {
  const villageIds = villageId ? [villageId] : (await db.selectDistinct({ villageId: auditOutbox.villageId }).from(auditOutbox)).map((row) => row.villageId)
  let sealed = 0
  for (const id of villageIds) {
    const count = await sealVillage(db, id, 'wait')
    if (count !== 'busy') sealed += count
  }
  return sealed
}

async function sealVillage(db: Db | Tx, villageId: string, mode: 'wait' | 'skip-if-busy' = 'wait'): Promise<number | 'busy'> {
  return db.transaction(async (tx) => {
    await tx.insert(auditHeads).values({ villageId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing()
    const locking = tx.select().from(auditHeads).where(eq(auditHeads.villageId, villageId))
    const [head] = await (mode === 'wait' ? locking.for('update') : locking.for('update', { skipLocked: true }))
    if (!head) return 'busy'
    const pending = await tx.delete(auditOutbox).where(eq(auditOutbox.villageId, villageId)).returning()
    if (pending.length === 0) return 0
    pending.sort((a, b) => a.id - b.id)
    let prevHash = head.hash
    let seq = head.seq
    const chained: AuditEntry[] = pending.map((row) => {
      seq += 1
      const content = {
        villageId,
        seq,
        actorPersonId: row.actorPersonId,
        action: row.action,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        payload: row.payload,
        recordedAt: row.recordedAt,
        prevHash,
      }
      const entry = { ...content, hash: hashAuditEntry(content) }
      prevHash = entry.hash
      return entry
    })
    // Batches keep each INSERT well under Postgres' bind-parameter limit.
    for (let start = 0; start < chained.length; start += 1000) {
      await tx.insert(auditLog).values(chained.slice(start, start + 1000))
    }
    await tx
      .update(auditHeads)
      .set({ seq, hash: prevHash, updatedAt: sql`now()` })
      .where(eq(auditHeads.villageId, villageId))
    return chained.length
  })
}

/**
 * After a request commits: its entries are sealed after the answer is sent, not before — the
 * change and its outbox entry are already durable together, and every reader of the chain seals
 * first, so waiting for the seal bought the client nothing but a longer wait. Sealers of one
 * village in this process coalesce: while one runs, later requests only ask it to go round once
 * more, so a burst of votes is sealed in a few batches instead of one transaction per vote.
 * A failure loses nothing: the entries stay in the outbox for the next sealer.
 */
export function sealAfterCommit(db: Db, entries: readonly PendingEntry[]): void {
  for (const villageId of new Set(entries.map((entry) => entry.villageId))) {
    const running = sealers.get(villageId)
    if (running) {
      running.again = true
      continue
    }
    const sealer: Sealer = { again: false, done: Promise.resolve() }
    sealers.set(villageId, sealer)
    sealer.done = runSealer(db, villageId, sealer)
      .catch((error: unknown) => {
        console.error('[audit] sealing deferred:', error instanceof Error ? error.message : error)
      })
      .finally(() => sealers.delete(villageId))
    // On Vercel a function may be frozen once it has answered: keep it alive until the seal ends.
    waitUntil(sealer.done)
  }
}

interface Sealer {
  again: boolean
  done: Promise<void>
}

const sealers = new Map<string, Sealer>()
const SEAL_DELAY_MS = 5

async function runSealer(db: Db, villageId: string, sealer: Sealer): Promise<void> {
  // Let the answer that scheduled us leave first, and the ballots committing just after it join
  // the batch: a few milliseconds nobody waits for, one seal instead of several.
  await new Promise((resolve) => setTimeout(resolve, SEAL_DELAY_MS))
  for (let attempt = 0; attempt < 200; attempt++) {
    sealer.again = false
    const result = await sealVillage(db, villageId, 'skip-if-busy')
    // Busy: another process is sealing this village and may have started before our commit.
    if (result === 'busy') sealer.again = true
    if (!sealer.again) return
    if (result === 'busy') await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 3))
  }
}

/** Resolves when every seal started by this process has finished (tests, graceful shutdown). */
export async function settleAuditSeals(): Promise<void> {
  while (sealers.size > 0) await Promise.all([...sealers.values()].map((sealer) => sealer.done))
}

export async function loadAuditChain(db: Db | Tx, villageId: string): Promise<AuditEntry[]> {
  const rows = await db.select().from(auditLog).where(eq(auditLog.villageId, villageId)).orderBy(asc(auditLog.seq))
  return rows.map((row) => ({
    villageId: row.villageId,
    seq: row.seq,
    actorPersonId: row.actorPersonId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    payload: row.payload,
    recordedAt: row.recordedAt,
    prevHash: row.prevHash,
    hash: row.hash,
  }))
}

/** Seals what is pending, then checks the whole chain against its head. */
export async function verifyVillageChain(db: Db | Tx, villageId: string): Promise<ChainVerdict> {
  await sealAudit(db, villageId)
  const entries = await loadAuditChain(db, villageId)
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.villageId, villageId))
  return verifyAuditChain(entries, head ? { seq: head.seq, hash: head.hash } : null)
}
