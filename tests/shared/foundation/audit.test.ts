import { describe, expect, it } from 'vitest'
import { GENESIS_HASH, hashAuditEntry, verifyAuditChain, type AuditEntry } from '../../../shared/audit'

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= length; seq++) {
    const content = {
      villageId: 'v',
      seq,
      actorPersonId: null,
      action: 'a',
      subjectType: 's',
      subjectId: String(seq),
      payload: { seq },
      recordedAt: '2026-11-22T00:00:00.000Z',
      prevHash,
    }
    const entry = { ...content, hash: hashAuditEntry(content) }
    entries.push(entry)
    prevHash = entry.hash
  }
  return entries
}

describe('hashAuditEntry', () => {
  it('does not depend on the order of payload keys', () => {
    const base = chain(1)[0]
    if (!base) throw new Error('no entry')
    expect(hashAuditEntry({ ...base, payload: { b: 1, a: { y: 2, x: 1 } } })).toBe(hashAuditEntry({ ...base, payload: { a: { x: 1, y: 2 }, b: 1 } }))
  })
  it('changes when any covered field changes', () => {
    const base = chain(1)[0]
    if (!base) throw new Error('no entry')
    const original = hashAuditEntry(base)
    for (const changed of [{ seq: 2 }, { action: 'b' }, { actorPersonId: 'p' }, { payload: { seq: 2 } }, { recordedAt: 'x' }, { prevHash: '1' }]) {
      expect(hashAuditEntry({ ...base, ...changed })).not.toBe(original)
    }
  })
})

describe('verifyAuditChain', () => {
  it('accepts an empty and an intact chain', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, entries: 0 })
    const entries = chain(4)
    expect(verifyAuditChain(entries, { seq: 4, hash: entries[3]?.hash ?? '' })).toEqual({ ok: true, entries: 4 })
  })
  it.each([
    { name: 'edited payload', mutate: (e: AuditEntry[]) => Object.assign(e[1] ?? {}, { payload: { seq: 9 } }), bad: 2, reason: 'hash_mismatch' },
    { name: 'removed entry', mutate: (e: AuditEntry[]) => e.splice(2, 1), bad: 3, reason: 'gap' },
    {
      name: 'swapped order',
      mutate: (e: AuditEntry[]) => {
        const [a, b] = [e[1], e[2]]
        if (a && b) {
          e[1] = { ...b, seq: 2 }
          e[2] = { ...a, seq: 3 }
        }
      },
      bad: 2,
      reason: 'prev_hash_mismatch',
    },
  ])('rejects a chain with a $name at entry $bad', ({ mutate, bad, reason }) => {
    const entries = chain(4)
    mutate(entries)
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, firstBadSeq: bad, reason })
  })
  it('uses the head to catch a removed tail', () => {
    const entries = chain(4)
    const head = { seq: 4, hash: entries[3]?.hash ?? '' }
    expect(verifyAuditChain(entries.slice(0, 3), head)).toMatchObject({ ok: false, reason: 'head_mismatch' })
  })
})
