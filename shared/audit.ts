import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { stringify } from 'safe-stable-stringify'

/** The hash before a village's first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** The fields an entry's hash covers. Pure data, so the mini-program can verify a chain too. */
export interface AuditEntryContent {
  villageId: string
  seq: number
  actorPersonId: string | null
  action: string
  subjectType: string
  subjectId: string
  payload: Record<string, unknown>
  recordedAt: string
  prevHash: string
}

export interface AuditEntry extends AuditEntryContent {
  hash: string
}

/** Keys are sorted so the hash does not depend on how jsonb or a client orders object keys. */
export function hashAuditEntry(entry: AuditEntryContent): string {
  const canonical = stringify({
    villageId: entry.villageId,
    seq: entry.seq,
    actorPersonId: entry.actorPersonId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    payload: entry.payload,
    recordedAt: entry.recordedAt,
    prevHash: entry.prevHash,
  })
  return bytesToHex(sha256(utf8ToBytes(canonical ?? '')))
}

export type ChainVerdict =
  { ok: true; entries: number } | { ok: false; entries: number; firstBadSeq: number; reason: 'gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch' }

/**
 * Checks a village's entries in seq order from 1. An edited row fails its own hash; a deleted row
 * leaves a gap in seq or a prevHash that points nowhere; a deleted tail is caught by the head.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], head?: { seq: number; hash: string } | null): ChainVerdict {
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { ok: false, entries: entries.length, firstBadSeq: expectedSeq, reason: 'gap' }
    if (entry.prevHash !== prevHash) return { ok: false, entries: entries.length, firstBadSeq: entry.seq, reason: 'prev_hash_mismatch' }
    if (hashAuditEntry(entry) !== entry.hash) return { ok: false, entries: entries.length, firstBadSeq: entry.seq, reason: 'hash_mismatch' }
    prevHash = entry.hash
    expectedSeq += 1
  }
  if (head && (head.seq !== entries.length || head.hash !== prevHash)) {
    return { ok: false, entries: entries.length, firstBadSeq: entries.length + 1, reason: 'head_mismatch' }
  }
  return { ok: true, entries: entries.length }
}

export const chainFailureLabels: Record<'gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch', string> = {
  gap: '记录缺失（有记录被删除）',
  prev_hash_mismatch: '前后记录对不上（有记录被删除或替换）',
  hash_mismatch: '记录内容被改动',
  head_mismatch: '最新的记录被删除',
}
