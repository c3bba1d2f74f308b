/**
 * SQL and script injection: every text field of every write route whose
 * valid body can be built — found from the JSON schema in the OpenAPI document — receives each
 * payload. Whatever is accepted must be stored and returned verbatim (inert), and every table
 * must still be there. The H5 rendering check lives in injection-h5.e2e.test.ts.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { setupApi } from '../harness/api'
import { PAYLOADS, setAtPath, textFields, validArb } from './lib/generate'
import { ACTOR, featureOf, loadOperations, type Operation } from './lib/operations'
import { IdPool, publicTables, rows } from './lib/state'

const ATTEMPTS = Number(process.env.INJECTION_ATTEMPTS ?? 40)

delete process.env.WECHAT_APPID
delete process.env.WECHAT_SECRET
const api = await setupApi({ DEMO_LOGIN: '1' })
const operations = await loadOperations(api)
const writes = operations.filter((op) => op.method === 'POST' && op.body && textFields(op.body).length > 0)
const reads = operations.filter((op) => op.method === 'GET' && !op.binary)
const pool = new IdPool(api.db)
await pool.refresh()
const tokens = new Map<string, string>()
for (const actor of Object.values(ACTOR)) tokens.set(actor.name, await api.tokenFor(actor.name))
const tablesBefore = (await publicTables(api.db)).map((t) => t.name).sort()

/** Tables whose row text contains `needle` verbatim. */
async function tablesContaining(needle: string): Promise<string[]> {
  const literal = `'${needle.replace(/'/g, "''")}'`
  const parts = (await publicTables(api.db)).map((t) => `select '${t.name}' as t from "${t.name}" r where position(${literal} in r::text) > 0`)
  return [...new Set((await rows<{ t: string }>(api.db, parts.join(' union all '))).map((r) => r.t))]
}

interface Outcome {
  route: string
  fields: string[]
  stored: Record<string, string[]>
  rejected: number
}
const outcomes: Outcome[] = []

afterAll(() => {
  const lines = outcomes.map(
    (o) =>
      `${o.route.padEnd(40)} fields ${o.fields.join(',')} │ stored ${Object.keys(o.stored).length}/${PAYLOADS.length} payloads${o.rejected ? ` │ ${o.rejected} attempts refused` : ''}`,
  )
  console.log(`\n[injection] ${writes.length} write routes with text fields\n${lines.join('\n')}\n`)
})

function village(op: Operation): string {
  return api.demo[ACTOR[featureOf(op)].village]
}

describe('injection strings in every text field', () => {
  it.each(writes.map((op, i) => [op.path, op, i] as const))('%s stores them verbatim', async (_path, op, index) => {
    const fields = textFields(op.body ?? {})
    const outcome: Outcome = { route: op.path, fields: fields.map((f) => f.path), stored: {}, rejected: 0 }
    outcomes.push(outcome)
    const token = tokens.get(ACTOR[featureOf(op)].name) ?? ''
    for (const payload of PAYLOADS) {
      const usable = fields.filter((f) => f.maxLength >= payload.length)
      if (usable.length === 0) continue
      const bodies = fc.sample(validArb(op.body ?? {}), { numRuns: ATTEMPTS, seed: 77 + index })
      for (const generated of bodies) {
        const body = pool.resolve(generated, village(op), true)
        if (!usable.some((f) => setAtPath(body, f.path, payload))) continue
        const res = await api.call('POST', op.path, { token, body })
        expect(res.status, JSON.stringify(res.body)).not.toBe(500)
        if (res.status >= 300) {
          outcome.rejected += 1
          continue
        }
        const found = await tablesContaining(payload)
        expect(found.length, `${op.path}: "${payload}" accepted but not stored verbatim`).toBeGreaterThan(0)
        outcome.stored[payload] = found
        // The answer carries it back as the same characters, not evaluated or escaped into entities.
        expect(JSON.stringify(res.body)).not.toMatch(/&lt;|&gt;|&#/)
        await pool.refresh()
        break
      }
    }
    const [people] = await rows<{ n: string | number }>(api.db, 'select count(*) as n from people')
    expect(Number(people?.n)).toBeGreaterThan(0)
    expect((await publicTables(api.db)).map((t) => t.name).sort()).toEqual(tablesBefore)
  })

  it('stored payloads on write routes of all three features, and every table survived', () => {
    const storedFeatures = new Set(outcomes.filter((o) => Object.keys(o.stored).length > 0).map((o) => o.route.split('/')[2]))
    expect([...storedFeatures]).toEqual(expect.arrayContaining(['land', 'garden', 'piecework']))
  })

  it('read routes give the payloads back verbatim', async () => {
    const echoedBy = new Map<string, Set<string>>()
    for (const op of reads) {
      const actor = ACTOR[featureOf(op)]
      const token = tokens.get(actor.name) ?? ''
      const query: Record<string, string> = {}
      for (const param of op.query) {
        const generated = fc.sample(validArb(param.schema, param.name), { numRuns: 1, seed: 3 })[0]
        const value = pool.resolve(generated, api.demo[actor.village], true)
        query[param.name] = typeof value === 'string' ? value : JSON.stringify(value)
      }
      const res = await api.call('GET', op.path, { token, query })
      expect(res.status).not.toBe(500)
      const text = JSON.stringify(res.body)
      for (const payload of PAYLOADS) {
        if (text.includes(JSON.stringify(payload).slice(1, -1))) echoedBy.set(payload, (echoedBy.get(payload) ?? new Set()).add(op.path))
      }
    }
    console.log(`[injection] read routes returning each payload verbatim: ${[...echoedBy].map(([p, r]) => `${p} → ${[...r].join(', ')}`).join(' │ ')}`)
    for (const payload of PAYLOADS) expect(echoedBy.get(payload)?.size ?? 0, payload).toBeGreaterThan(0)
  })
})
