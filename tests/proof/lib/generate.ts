import fc from 'fast-check'
import type { JsonSchema } from './operations'

/**
 * A reference to a real row, resolved just before the request is sent (so ids created by earlier
 * requests are used): `field` names the property (`motionId`, `personIds`…), `n` picks one row,
 * `scope` chooses the actor's village, any village, or a random uuid that matches nothing.
 */
export class IdRef {
  constructor(
    readonly field: string,
    readonly n: number,
    readonly scope: 'own' | 'any' | 'random',
    readonly random: string,
  ) {}
}

const UUID_PATTERN = /0000-0000-0000-0000|\[1-8\]/

function isUuid(schema: JsonSchema): boolean {
  return schema.format === 'uuid' || (typeof schema.pattern === 'string' && UUID_PATTERN.test(schema.pattern))
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type
  return schema.type ? [schema.type] : []
}

function dayOffset(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return d.toISOString().slice(0, 10)
}

const WORDS = ['玉米', '一号畦', '高井', '测试', '浇水', '手撒网', '张三', 'ok', '备注说明', '春播']

function fitLength(value: string, schema: JsonSchema): string {
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? 200
  let out = value
  while ([...out].length < min) out += '字'
  if ([...out].length > max) out = [...out].slice(0, max).join('')
  return out
}

function stringArb(schema: JsonSchema, field: string): fc.Arbitrary<unknown> {
  if (isUuid(schema)) {
    return fc
      .tuple(fc.nat(), fc.constantFrom<'own' | 'any' | 'random'>('own', 'own', 'own', 'own', 'any', 'random'), fc.uuid())
      .map(([n, scope, random]) => new IdRef(field, n, scope, random))
  }
  if (schema.format === 'date-time') {
    return fc.integer({ min: -30 * 24, max: 60 * 24 }).map((hours) => new Date(Math.round((Date.now() + hours * 3_600_000) / 60_000) * 60_000).toISOString())
  }
  const pattern = schema.pattern
  if (pattern && /\\d\{4\}/.test(pattern)) {
    const parts = (pattern.match(/\\d\{2\}|\(0\[1-9\]/g) ?? []).length
    return fc.integer({ min: -40, max: 400 }).map((days) => (parts >= 2 ? dayOffset(days) : dayOffset(days).slice(0, 7)))
  }
  if (pattern) {
    try {
      return fc.stringMatching(new RegExp(pattern)).map((s) => fitLength(s, schema))
    } catch {
      // Not a JavaScript regex: fall through to plain text, which the server then validates.
    }
  }
  return fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 30 })).map((s) => fitLength(s, schema))
}

function integerArb(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000)
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000)
  const low = Math.max(min, Number.MIN_SAFE_INTEGER)
  const high = Math.min(max, Number.MAX_SAFE_INTEGER)
  return fc.oneof(fc.integer({ min: low, max: Math.min(high, low + 100) }), fc.integer({ min: low, max: high }))
}

/** Values shaped like the schema (most pass validation; cross-field rules may still reject them). */
export function validArb(schema: JsonSchema, field = 'root', depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((alt) => validArb(alt, field, depth + 1)))
  if (schema.allOf && schema.allOf.length > 0) return validArb(Object.assign({}, ...schema.allOf) as JsonSchema, field, depth + 1)
  const types = typesOf(schema)
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined)
  switch (type) {
    case 'string':
      return stringArb(schema, field)
    case 'integer':
      return integerArb(schema)
    case 'number':
      return integerArb(schema).map((n) => n + (schema.maximum !== undefined && n >= schema.maximum ? 0 : 0.5))
    case 'boolean':
      return fc.boolean()
    case 'array': {
      const items = schema.items ?? {}
      const minLength = schema.minItems ?? 0
      const maxLength = Math.min(schema.maxItems ?? 4, minLength + 3)
      return fc.array(validArb(items, field, depth + 1), { minLength, maxLength })
    }
    case 'object': {
      const properties = schema.properties ?? {}
      const required = new Set(schema.required ?? [])
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [key, sub] of Object.entries(properties)) model[key] = validArb(sub, key, depth + 1)
      if (Object.keys(model).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
      return fc.record(model, { requiredKeys: [...required].filter((key) => key in model) })
    }
    case 'null':
      return fc.constant(null)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202eRTL override\u202c',
  'مرحبا بالعالم',
  '👨‍👩‍👧‍👦🌽🥬',
  '𠜎𠜱𠝹',
  '\uD800',
  "'; drop table people; --",
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  'NaN',
  'Infinity',
  '1e999',
  '-1',
  'true',
  'null',
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '../../etc/passwd',
  '%00',
  '\r\n\t',
]

const NASTY_NUMBERS = [0, -0, -1, 1.5, -1e-9, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324]

/** A string up to ~70 KB: past the 64 KB body limit at the top end. */
const hugeString = fc
  .tuple(fc.integer({ min: 300, max: 70_000 }), fc.constantFrom('x', '汉', '🌽', "'", '<'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / Buffer.byteLength(unit))))

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom(...NASTY_NUMBERS), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.uuid(), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
)

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileScalar, weight: 6 },
  { arbitrary: fc.array(hostileScalar, { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 4 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
)

const EXTRA_KEYS = ['__proto__', 'constructor', 'id', 'isAdmin', 'role', 'villageId2', 'createdAt', '', '🔑']

type Mutation = { kind: 'replace'; at: number; value: unknown } | { kind: 'delete'; at: number } | { kind: 'extra'; at: number; key: string; value: unknown }

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 })),
      value: hostileValue,
    }),
    weight: 2,
  },
)

type Container = Record<string, unknown> | unknown[]
function containers(value: unknown, out: Container[] = []): Container[] {
  if (value instanceof IdRef) return out
  if (Array.isArray(value)) {
    out.push(value)
    for (const item of value) containers(item, out)
  } else if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>)
    for (const item of Object.values(value)) containers(item, out)
  }
  return out
}

function clone(value: unknown): unknown {
  if (value instanceof IdRef || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(clone)
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]))
}

function applyMutations(base: unknown, mutations: Mutation[]): unknown {
  const value = clone(base)
  for (const mutation of mutations) {
    const targets = containers(value)
    const target = targets[mutation.at % Math.max(1, targets.length)]
    if (!target) return mutation.kind === 'delete' ? undefined : 'value' in mutation ? mutation.value : value
    if (Array.isArray(target)) {
      const index = target.length ? mutation.at % target.length : 0
      if (mutation.kind === 'delete') target.splice(index, 1)
      else target[index] = mutation.value
      continue
    }
    const keys = Object.keys(target)
    const key = keys[mutation.at % Math.max(1, keys.length)]
    if (mutation.kind === 'extra') Object.defineProperty(target, mutation.key, { value: mutation.value, enumerable: true, writable: true, configurable: true })
    else if (key === undefined) continue
    else if (mutation.kind === 'delete') delete target[key]
    else target[key] = mutation.value
  }
  return value
}

export type FuzzCase =
  { kind: 'valid'; body: unknown } | { kind: 'mutated'; body: unknown } | { kind: 'hostile'; body: unknown } | { kind: 'raw'; raw: string; contentType: string }

const rawArb = fc.record({
  raw: fc.oneof(
    fc.constantFrom('{', '{"a":', '[1,2', 'undefined', "{'a':1}", '\u0000', 'NaN', '{"a":1}{"b":2}', '\uFEFF{}', '{"__proto__":{"isAdmin":true}}'),
    fc.string({ unit: 'binary', maxLength: 60 }),
    hugeString,
  ),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
})

/** The mix the fuzz suite sends: ~30 % shaped by the schema, the rest hostile in many ways. */
export function fuzzCaseArb(schema: JsonSchema): fc.Arbitrary<FuzzCase> {
  const valid = validArb(schema)
  return fc.oneof(
    { arbitrary: valid.map((body): FuzzCase => ({ kind: 'valid', body })), weight: 30 },
    {
      arbitrary: fc
        .tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
        .map(([body, m]): FuzzCase => ({ kind: 'mutated', body: applyMutations(body, m) })),
      weight: 45,
    },
    { arbitrary: hostileValue.map((body): FuzzCase => ({ kind: 'hostile', body })), weight: 15 },
    { arbitrary: rawArb.map((r): FuzzCase => ({ kind: 'raw', ...r })), weight: 10 },
  )
}

/** Query strings for GET routes: the documented parameters shaped or broken, plus strays. */
export function queryCaseArb(params: { name: string; required: boolean; schema: JsonSchema }[]): fc.Arbitrary<Record<string, unknown>> {
  const valid: Record<string, fc.Arbitrary<unknown>> = {}
  for (const param of params) valid[param.name] = validArb(param.schema, param.name)
  const validArbRecord = fc.record(valid, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) })
  return fc.oneof(
    { arbitrary: validArbRecord, weight: 4 },
    {
      arbitrary: fc
        .tuple(validArbRecord, fc.array(mutationArb, { minLength: 1, maxLength: 2 }))
        .map(([q, m]) => (applyMutations(q, m) ?? {}) as Record<string, unknown>),
      weight: 5,
    },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), hostileScalar, { maxKeys: 4 }), weight: 1 },
  )
}

/** Path of every string field (not ids, dates or enums) in a body schema, e.g. `parcels.*.name`. */
export function textFields(schema: JsonSchema, prefix = ''): { path: string; maxLength: number }[] {
  const out: { path: string; maxLength: number }[] = []
  const types = typesOf(schema)
  if (schema.anyOf || schema.oneOf) {
    for (const alt of schema.anyOf ?? schema.oneOf ?? []) out.push(...textFields(alt, prefix))
    return out
  }
  if (types.includes('object') || schema.properties) {
    for (const [key, sub] of Object.entries(schema.properties ?? {})) out.push(...textFields(sub, prefix ? `${prefix}.${key}` : key))
  } else if (types.includes('array') && schema.items) {
    out.push(...textFields(schema.items, `${prefix}.*`))
  } else if (types.includes('string') && !schema.enum && !schema.pattern && !schema.format && schema.const === undefined) {
    out.push({ path: prefix, maxLength: schema.maxLength ?? 10_000 })
  }
  return [...new Map(out.map((f) => [f.path, f])).values()]
}

/** Sets the field at `path` (with `*` for every array item) if the body has it or the parent exists. */
export function setAtPath(body: unknown, path: string, value: string): boolean {
  const [head, ...rest] = path.split('.')
  if (head === undefined || body === null || typeof body !== 'object') return false
  if (head === '*') {
    if (!Array.isArray(body)) return false
    let any = false
    for (let i = 0; i < body.length; i++) {
      if (rest.length === 0) {
        body[i] = value
        any = true
      } else any = setAtPath(body[i], rest.join('.'), value) || any
    }
    return any
  }
  const record = body as Record<string, unknown>
  if (rest.length === 0) {
    record[head] = value
    return true
  }
  return setAtPath(record[head], rest.join('.'), value)
}

/** SQL, HTML and template injection strings the injection suites send in every text field. */
export const PAYLOADS = ["'; drop table people; --", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}'] as const
