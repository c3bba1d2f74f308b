/**
 * The main package checks answers with plans derived from shared schemas at build time
 * (miniapp/config/light-schemas-source.ts, built into `virtual:xy-light-schemas`, run by
 * miniapp/src/api/light-check.ts). They must accept and refuse exactly what the shared schemas do,
 * with the same parsed values: on hand-written answers, on an answer built from each schema and
 * on every one-step change of it, and on schema parts the list does not use yet; no eval.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { lightSchemas, lightSchemaSource, plan } from '../../miniapp/config/light-schemas-source'
import { checked } from '../../miniapp/src/api/light-check'

const repoRoot = path.resolve(__dirname, '..', '..')
// In the repository (vite serves no file outside it) but not in node_modules, which vitest hands to
// node untransformed: the module imports the TypeScript runtime. .tmp/ is ignored by git.
mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true })
const dir = mkdtempSync(path.join(repoRoot, '.tmp', 'xy-light-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Light = ReturnType<typeof checked>

/** The generated module itself, as the build serves it. */
async function loadLight(): Promise<Record<string, Light>> {
  const file = path.join(dir, 'light.mjs')
  writeFileSync(file, lightSchemaSource())
  return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: Record<string, Light> }).default
}

function expectSame(name: string, classic: z.ZodType, light: Light, sample: unknown) {
  const a = classic.safeParse(sample)
  const b = light.safeParse(sample)
  const label = `${name} ${JSON.stringify(sample)}`
  expect(b.success, label).toBe(a.success)
  // toStrictEqual: a key that is absent must stay absent, one set to undefined must stay set.
  if (a.success && b.success) expect(b.data, label).toStrictEqual(a.data)
  return { a, b }
}

const defOf = (schema: unknown) => (schema as { _zod: { def: Record<string, unknown> } })._zod.def

// Tried in order; the first the (sub)schema accepts goes into the built answer.
const CANDIDATES: unknown[] = ['2c5ea4c0-4067-11e9-8bad-9b1deb4d3b7d', 'AB12CD34', '包巴特尔', 0, 3, 1.5, true, null]

/** An answer the classic schema accepts, built from its def (the oracle picks the leaves). */
function validOf(schema: z.ZodType): unknown {
  const def = defOf(schema)
  let value: unknown
  switch (def.type) {
    case 'object':
      value = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([key, part]) => [key, validOf(part)]))
      break
    case 'array':
      value = [validOf(def.element as z.ZodType), validOf(def.element as z.ZodType)]
      break
    case 'nullable':
    case 'optional':
    case 'default':
      value = validOf(def.innerType as z.ZodType)
      break
    case 'enum':
      value = Object.values(def.entries as Record<string, unknown>).at(-1)
      break
    case 'literal':
      value = (def.values as unknown[])[0]
      break
    default:
      value = CANDIDATES.find((candidate) => schema.safeParse(candidate).success)
  }
  expect(schema.safeParse(value).success, `built ${JSON.stringify(value)}`).toBe(true)
  return value
}

/** Every answer one step from `value`: each key dropped, nulled, mistyped, or an unknown key added. */
function* changesOf(value: unknown): Generator<unknown> {
  const wrong: unknown[] = [undefined, null, 'x', '', 1.5, -1, 100001, Number.NaN, Number.POSITIVE_INFINITY, true, [], {}, 'ab12cd34']
  yield* wrong
  if (Array.isArray(value)) {
    yield [...value, 'x']
    for (const [index, item] of value.entries()) for (const changed of changesOf(item)) yield value.map((old, at) => (at === index ? changed : old))
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    yield { ...record, extra: 1 }
    for (const key of Object.keys(record)) {
      const { [key]: _dropped, ...rest } = record
      yield rest
      for (const changed of changesOf(record[key])) yield { ...record, [key]: changed }
    }
  }
}

describe('light schemas of the main package', () => {
  it('derive a check of every listed schema, and stop at a part they cannot restate', async () => {
    const light = await loadLight()
    expect(Object.keys(light).sort()).toEqual(Object.keys(lightSchemas).sort())
    expect(() => plan(z.url())).toThrow(/cannot be restated/)
    expect(() => plan(z.string().refine((text) => text !== 'x'))).toThrow(/cannot be restated/)
    expect(() => plan(z.object({}).catchall(z.string()))).toThrow(/cannot be restated/)
    expect(() => plan(z.string().transform((text) => text.length))).toThrow(/cannot be restated/)
  })

  it('give the same verdicts and values on an answer built from each schema and every change of it', async () => {
    const light = await loadLight()
    let compared = 0
    for (const [name, classic] of Object.entries(lightSchemas) as [string, z.ZodType][]) {
      const restated = light[name]
      if (!restated) throw new Error(`no schema ${name}`)
      const valid = validOf(classic)
      expect(restated.safeParse(valid).success, name).toBe(true)
      for (const sample of [valid, ...changesOf(valid)]) {
        expectSame(name, classic, restated, sample)
        compared += 1
      }
    }
    // Enough changes that a part left unchecked shows (a few thousand today).
    expect(compared).toBeGreaterThan(1000)
    // Seconds on a loaded two-core machine, past vitest's default 5.
  }, 60_000)

  it('restate the parts the list does not use yet: defaults, overwrites, lengths, bounds, strict objects', () => {
    const schema = z.object({
      a: z.string().min(2).max(4).toLowerCase(),
      b: z.number().gt(0).lt(10).default(5),
      c: z.strictObject({ d: z.literal(['x', 2]) }),
      e: z.array(z.boolean()).length(2),
      f: z.null(),
      g: z.optional(z.string().trim().toUpperCase().length(3)),
      h: z.int().gte(-3).lte(3),
      i: z.nullable(z.email()),
      j: z.optional(z.number()),
    })
    const valid = { a: 'AbC', b: 2, c: { d: 'x' }, e: [true, false], f: null, g: ' ab1 ', h: -3, i: 'a@b.cn', j: 0.5 }
    const light = checked(plan(schema))
    const odd = [
      { ...valid, c: { d: 2 } },
      { ...valid, b: undefined },
      { ...valid, a: 'ABCDE' },
    ]
    // Each bound on both sides of its edge.
    const edges = [{ a: 'ab' }, { a: 'abcd' }, { b: 0 }, { b: 10 }, { b: 9.5 }, { g: 'ab' }, { g: 'abcd' }, { h: 3 }, { h: 4 }, { h: -4 }, { e: [true] }]
    for (const sample of [valid, ...changesOf(valid), ...odd, ...edges.map((edge) => ({ ...valid, ...edge }))]) expectSame('extra', schema, light, sample)
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
      const restated = light[name]
      if (!restated) throw new Error(`no schema ${name}`)
      const { a, b } = expectSame(name, lightSchemas[name], restated, sample)
      // The villager reads the message of a refused invite code: the same words. (Answers'
      // messages are never shown: a refused answer is 服务器返回的数据有误.)
      if (name === 'inviteCodeSchema' && !a.success && !b.success)
        expect(b.error.issues.map((issue) => issue.message)).toEqual(a.error.issues.map((issue) => issue.message))
    }
  })

  it('build no code at run time (the mini-program refuses eval and new Function)', () => {
    const runtime = readFileSync(path.join(repoRoot, 'miniapp', 'src', 'api', 'light-check.ts'), 'utf8')
    for (const source of [lightSchemaSource(), runtime]) expect(source).not.toMatch(/\beval\(|\bFunction\(/)
    expect(lightSchemaSource()).not.toMatch(/zod/)
  })
})
