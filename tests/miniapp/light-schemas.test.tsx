/**
 * The main package checks answers with zod/mini restatements of shared schemas
 * (miniapp/config/light-schemas-source.ts, built into `virtual:xy-light-schemas`). They must accept
 * and refuse exactly what the shared schemas do: same JSON Schema (input and output), same
 * verdicts on sample answers, and no eval in the generated module.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { lightSchemas, lightSchemaSource } from '../../miniapp/config/light-schemas-source'

const repoRoot = path.resolve(__dirname, '..', '..')
// Inside the repository, so that `zod/mini` resolves from its node_modules.
const dir = mkdtempSync(path.join(repoRoot, 'node_modules', '.xy-light-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function loadLight(): Promise<Record<string, z.core.$ZodType>> {
  const file = path.join(dir, 'light.mjs')
  writeFileSync(file, lightSchemaSource())
  return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: Record<string, z.core.$ZodType> }).default
}

describe('light schemas of the main package', () => {
  it('restate every shared schema with the same JSON Schema, input and output', async () => {
    const light = await loadLight()
    for (const [name, classic] of Object.entries(lightSchemas)) {
      const restated = light[name]
      expect(restated, name).toBeDefined()
      if (!restated) continue
      for (const io of ['input', 'output'] as const) {
        expect(z.toJSONSchema(restated, { io, unrepresentable: 'any' }), `${name} (${io})`).toEqual(z.toJSONSchema(classic, { io, unrepresentable: 'any' }))
      }
    }
  })

  it('give the same verdicts and values on sample answers', async () => {
    const light = await loadLight()
    const person = { id: '2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d', name: '包巴特尔', birthYear: 1950, householdId: null }
    const membership = {
      villageId: '2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d',
      villageName: '高井嘎查',
      villageKind: 'gachaa',
      township: '乡',
      roles: ['villager'],
    }
    const samples: [keyof typeof lightSchemas, unknown][] = [
      ['meSchema', { person, memberships: [membership] }],
      ['meSchema', { person: { ...person, birthYear: 1950.5 }, memberships: [] }],
      ['meSchema', { person: { ...person, id: 'not-a-uuid' }, memberships: [] }],
      ['meSchema', { person, memberships: [{ ...membership, roles: ['king'] }] }],
      ['errorBodySchema', { error: { code: 'forbidden', message: '没有权限' } }],
      ['errorBodySchema', { error: { code: 'no_such_code', message: 'x' } }],
      ['okResponse', { ok: true }],
      ['okResponse', { ok: false }],
      ['inviteCodeSchema', '  AB12CD34 '],
      ['inviteCodeSchema', 'ab12cd34'],
      ['inviteCodeSchema', undefined],
      ['currentYearResponse', { awardYear: null }],
      ['workshopListResponse', { workshops: [] }],
      ['myAssistedVotesResponse', { ballots: [{}] }],
    ]
    for (const [name, sample] of samples) {
      const classic: z.ZodType = lightSchemas[name]
      const restated = light[name]
      if (!restated) throw new Error(`no schema ${name}`)
      const a = classic.safeParse(sample)
      const b = z.safeParse(restated, sample)
      expect(b.success, `${name} ${JSON.stringify(sample)}`).toBe(a.success)
      if (a.success && b.success) expect(b.data).toEqual(a.data)
      // The villager reads the message of a refused invite code: the same words. (Answers'
      // messages are never shown: a refused answer is 服务器返回的数据有误.)
      if (name === 'inviteCodeSchema' && !a.success && !b.success)
        expect(b.error.issues.map((issue) => issue.message)).toEqual(a.error.issues.map((issue) => issue.message))
    }
  })

  it('build no code at run time (the mini-program refuses eval and new Function)', () => {
    const source = lightSchemaSource()
    expect(source).toMatch(/m\.config\(\{ jitless: true \}\)/)
    expect(source).not.toMatch(/\beval\(|new Function\(/)
  })
})
