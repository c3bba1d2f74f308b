import { asc, eq, sql } from 'drizzle-orm'
import { GENESIS_HASH, hashAuditEntry, verifyAuditChain, type AuditEntry, type ChainVerdict } from '../shared/audit'
import type { Db, Tx } from './client'
import { auditHeads, auditLog } from './schema'

export interface AuditInput {
  villageId: string
  actorPersonId: string | null
  action: string
  subjectType: string
  subjectId: string
  payload?: Record<string, unknown>
}

/**
 * Appends to the village's chain inside the caller's transaction, so the entry exists exactly
 * when the change it records does. The head row lock orders concurrent appenders.
 */
export async function appendAudit(tx: Tx | Db, input: AuditInput): Promise<AuditEntry> {
  await tx
    .insert(auditHeads)
    .values({ villageId: input.villageId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoNothing()
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.villageId, input.villageId)).for('update')
  if (!head) throw new Error('audit head missing after upsert')
  const content = {
    villageId: input.villageId,
    seq: head.seq + 1,
    actorPersonId: input.actorPersonId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    // Round-trip through JSON so the hashed payload is exactly what jsonb will give back.
    payload: JSON.parse(JSON.stringify(input.payload ?? {})) as Record<string, unknown>,
    recordedAt: new Date().toISOString(),
    prevHash: head.hash,
  }
  const entry: AuditEntry = { ...content, hash: hashAuditEntry(content) }
  await tx.insert(auditLog).values(entry)
  await tx
    .update(auditHeads)
    .set({ seq: entry.seq, hash: entry.hash, updatedAt: sql`now()` })
    .where(eq(auditHeads.villageId, input.villageId))
  return entry
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

export async function verifyVillageChain(db: Db | Tx, villageId: string): Promise<ChainVerdict> {
  const entries = await loadAuditChain(db, villageId)
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.villageId, villageId))
  return verifyAuditChain(entries, head ? { seq: head.seq, hash: head.hash } : null)
}
