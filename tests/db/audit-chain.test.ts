import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { appendAudit, sealAudit, verifyVillageChain } from '../../db/audit'
import { setupApi } from '../harness/api'

const api = await setupApi()
const village = api.demo.caibei

/** What only someone with owner rights can do: switch the append-only trigger off, then tamper. */
async function bypassingTrigger(work: () => Promise<unknown>): Promise<void> {
  await api.db.execute(sql`alter table audit_log disable trigger user`)
  try {
    await work()
  } finally {
    await api.db.execute(sql`alter table audit_log enable trigger user`)
  }
}

async function freshChain(entries: number): Promise<void> {
  await bypassingTrigger(() => api.db.execute(sql`delete from audit_log where village_id = ${village}`))
  await api.db.execute(sql`delete from audit_heads where village_id = ${village}`)
  await api.db.execute(sql`delete from audit_outbox where village_id = ${village}`)
  for (let i = 0; i < entries; i++) {
    await api.db.transaction(async (tx) => {
      await appendAudit(tx, {
        villageId: village,
        actorPersonId: null,
        action: 'test.step',
        subjectType: 'test',
        subjectId: String(i),
        payload: { step: i, note: `第${i}步`, nested: { b: 2, a: 1 } },
      })
    })
  }
  expect(await sealAudit(api.db, village)).toBe(entries)
}

describe('the hash-chained audit log', () => {
  beforeEach(() => freshChain(5))

  it('verifies an untouched chain', async () => {
    expect(await verifyVillageChain(api.db, village)).toEqual({ ok: true, entries: 5 })
  })

  it('refuses edits and deletes outright', async () => {
    await expect(api.db.execute(sql`update audit_log set action = 'x' where village_id = ${village}`)).rejects.toThrow()
    await expect(api.db.execute(sql`delete from audit_log where village_id = ${village}`)).rejects.toThrow()
    expect(await verifyVillageChain(api.db, village)).toEqual({ ok: true, entries: 5 })
  })

  it('names the first edited entry', async () => {
    await bypassingTrigger(() => api.db.execute(sql`update audit_log set payload = '{"step": 99}' where village_id = ${village} and seq = 3`))
    expect(await verifyVillageChain(api.db, village)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'hash_mismatch' })
  })

  it('catches an edited action', async () => {
    await bypassingTrigger(() => api.db.execute(sql`update audit_log set action = 'test.forged' where village_id = ${village} and seq = 2`))
    expect(await verifyVillageChain(api.db, village)).toMatchObject({ ok: false, firstBadSeq: 2 })
  })

  it('catches a deleted middle entry', async () => {
    await bypassingTrigger(() => api.db.execute(sql`delete from audit_log where village_id = ${village} and seq = 2`))
    expect(await verifyVillageChain(api.db, village)).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'gap' })
  })

  it('catches a deleted newest entry through the head', async () => {
    await bypassingTrigger(() => api.db.execute(sql`delete from audit_log where village_id = ${village} and seq = 5`))
    expect(await verifyVillageChain(api.db, village)).toMatchObject({ ok: false, reason: 'head_mismatch' })
  })

  it('keeps one linear chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        api.db.transaction((tx) =>
          appendAudit(tx, { villageId: village, actorPersonId: null, action: 'test.concurrent', subjectType: 'test', subjectId: `c${i}` }),
        ),
      ),
    )
    expect(await verifyVillageChain(api.db, village)).toEqual({ ok: true, entries: 30 })
  })

  it('keeps entries written before a seal in commit order and seals each once', async () => {
    for (const step of ['a', 'b', 'c']) {
      await api.db.transaction((tx) =>
        appendAudit(tx, { villageId: village, actorPersonId: null, action: `test.order.${step}`, subjectType: 'test', subjectId: step }),
      )
    }
    expect(await sealAudit(api.db, village)).toBe(3)
    expect(await sealAudit(api.db, village)).toBe(0)
    const rows = await api.db.execute(sql`select action, seq from audit_log where village_id = ${village} and seq > 5 order by seq`)
    const actions = (rows as unknown as { rows: { action: string }[] }).rows.map((row) => row.action)
    expect(actions).toEqual(['test.order.a', 'test.order.b', 'test.order.c'])
  })

  it('rolls the entry back with the transaction that wrote it', async () => {
    await expect(
      api.db.transaction(async (tx) => {
        await appendAudit(tx, { villageId: village, actorPersonId: null, action: 'test.rolled-back', subjectType: 'test', subjectId: 'x' })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await verifyVillageChain(api.db, village)).toEqual({ ok: true, entries: 5 })
  })
})
