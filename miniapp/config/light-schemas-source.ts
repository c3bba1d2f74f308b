/**
 * Writes the checks of the shared zod schemas the main package needs (run by light-schemas.ts at
 * build time, through tsx, and by tests/miniapp/light-schemas.test.tsx). The schemas stay written
 * once, in shared/; this restates each one's def as a plan, data that src/api/light-check.ts runs.
 * Classic zod attaches every method to every schema (≈ 100 KB in the WeChat main package for a
 * handful of response checks); zod/mini still brings its whole core (≈ 25 KB minified: the
 * $ZodType machinery every schema is built on, whatever it checks). A schema part this does not
 * know stops the build rather than being checked more loosely.
 */
import path from 'node:path'
import type { z } from 'zod'
import type { Check, Plan } from '../src/api/light-check'
import { errorBodySchema } from '../../shared/errors'
import { demoPersonasResponse, meSchema, sessionResponse, wechatLoginInput } from '../../shared/auth'
import { okResponse, uuidSchema } from '../../shared/ids'
import { currentYearResponse, myAssistedVotesResponse } from '../../shared/land'
import { workshopListResponse } from '../../shared/piecework'
import { gardenPlaceResponse } from '../../shared/garden'

/** What the main package checks with: `virtual:xy-light-schemas` exports this object, restated. The one list of names. */
export const lightSchemas = {
  errorBodySchema,
  meSchema,
  sessionResponse,
  demoPersonasResponse,
  inviteCodeSchema: wechatLoginInput.shape.inviteCode,
  okResponse,
  uuidSchema,
  currentYearResponse,
  myAssistedVotesResponse,
  workshopListResponse,
  gardenPlaceResponse,
} satisfies Record<string, z.ZodType>
export type LightSchemas = typeof lightSchemas

interface Def {
  type: string
  [key: string]: unknown
}
interface WithDef {
  _zod: { def: Def }
}

const defOf = (schema: unknown): Def => (schema as WithDef)._zod.def

const fail = (what: string): never => {
  throw new Error(`light schemas: ${what} cannot be restated`)
}

/** A constant custom message (`{ message: '…' }`), or none (a refused answer's words are never shown). */
function messageOf(def: Def): { m?: string } {
  const error = def.error
  if (error === undefined) return {}
  if (typeof error !== 'function') return fail(`the error of ${def.type}`)
  const message: unknown = (error as (issue: object) => unknown)({})
  if (typeof message !== 'string') return fail(`a computed error message (${def.type})`)
  return { m: message }
}

// Formats that are their pattern and nothing else (url, jwt, base64 … check more than a regex).
const PATTERN_FORMATS = new Set(['uuid', 'guid', 'email', 'regex'])

const numberOf = (value: unknown, what: string): number => (typeof value === 'number' ? value : fail(what))

function checkOf(schema: unknown): Check {
  const def = defOf(schema)
  const m = messageOf(def)
  switch (def.check) {
    case 'min_length':
      return { k: 'min', n: numberOf(def.minimum, 'min_length'), ...m }
    case 'max_length':
      return { k: 'max', n: numberOf(def.maximum, 'max_length'), ...m }
    case 'length_equals':
      return { k: 'len', n: numberOf(def.length, 'length_equals'), ...m }
    case 'greater_than':
      return { k: def.inclusive ? 'gte' : 'gt', n: numberOf(def.value, 'greater_than'), ...m }
    case 'less_than':
      return { k: def.inclusive ? 'lte' : 'lt', n: numberOf(def.value, 'less_than'), ...m }
    case 'number_format':
      if (def.format === 'safeint') return { k: 'int', ...m }
      break
    case 'string_format':
      if (PATTERN_FORMATS.has(String(def.format)) && def.pattern instanceof RegExp) return { k: 're', re: def.pattern, ...m }
      break
    case 'overwrite': {
      // zod's own trim()/toLowerCase()/toUpperCase() are arrow functions calling the method.
      const source = String(def.tx)
      if (/^\(?\w+\)?\s*=>\s*\w+\.trim\(\)$/.test(source)) return { k: 'trim' }
      if (/^\(?\w+\)?\s*=>\s*\w+\.toLowerCase\(\)$/.test(source)) return { k: 'lower' }
      if (/^\(?\w+\)?\s*=>\s*\w+\.toUpperCase\(\)$/.test(source)) return { k: 'upper' }
      break
    }
  }
  return fail(`the check ${String(def.check)} ${String(def.format ?? '')}`)
}

const checksOf = (def: Def, own: Check[] = []): { c?: Check[] } => {
  const checks = [...own, ...((def.checks as unknown[] | undefined) ?? []).map(checkOf)]
  return checks.length === 0 ? {} : { c: checks }
}

/** The def of a shared schema as a plan for src/api/light-check.ts (the same order of checks as zod's). */
export function plan(schema: unknown): Plan {
  const def = defOf(schema)
  if (def.coerce) fail(`a coerced ${def.type}`)
  const m = messageOf(def)
  switch (def.type) {
    case 'string':
      if (def.format === undefined) return { t: 'string', ...m, ...checksOf(def) }
      // A format schema (z.uuid()) is its own first check, with its own message.
      if (!PATTERN_FORMATS.has(String(def.format)) || !(def.pattern instanceof RegExp)) return fail(`the string format ${String(def.format)}`)
      return { t: 'string', ...m, ...checksOf(def, [{ k: 're', re: def.pattern, ...m }]) }
    case 'number':
      if (def.format === undefined) return { t: 'number', ...m, ...checksOf(def) }
      if (def.format !== 'safeint') return fail(`the number format ${String(def.format)}`)
      return { t: 'number', ...m, ...checksOf(def, [{ k: 'int', ...m }]) }
    case 'boolean':
    case 'null':
      return { t: def.type, ...m, ...checksOf(def) }
    case 'enum':
      return { t: 'enum', v: Object.values(def.entries as Record<string, unknown>), ...m, ...checksOf(def) }
    case 'literal':
      return { t: 'enum', v: def.values as unknown[], ...m, ...checksOf(def) }
    case 'array':
      return { t: 'array', e: plan(def.element), ...m, ...checksOf(def) }
    case 'nullable':
    case 'optional':
      return { t: def.type, i: plan(def.innerType), ...checksOf(def) }
    case 'default': {
      // A getter in zod: read once, and only a primitive (an object default is zod's clone).
      const value: unknown = def.defaultValue
      if (value !== null && typeof value === 'object') return fail('an object default')
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && value !== null) return fail('a default')
      return { t: 'default', i: plan(def.innerType), d: value, ...checksOf(def) }
    }
    case 'object': {
      const catchall = def.catchall === undefined ? 'strip' : defOf(def.catchall).type
      if (catchall !== 'strip' && catchall !== 'never') fail(`an object with a ${catchall} catchall`)
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([key, value]) => [key, plan(value)]))
      return { t: 'object', s: shape, ...(catchall === 'never' ? { strict: true } : {}), ...m, ...checksOf(def) }
    }
  }
  return fail(`the schema type ${def.type}`)
}

/** A plan (or a check) as JavaScript: object literals, the patterns as regex literals. */
function literal(value: unknown, part: (value: unknown) => string): string {
  if (value instanceof RegExp) return value.toString()
  if (Array.isArray(value)) return `[${value.map(part).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}:${part(item)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

const isPlan = (value: unknown): boolean => value !== null && typeof value === 'object' && 't' in value

/** The module's source: the plans, a part that recurs (the me object, the uuid) written once. */
export function lightSchemaSource(runtime = path.join(__dirname, '..', 'src', 'api', 'light-check.ts')): string {
  const plans = Object.entries(lightSchemas).map(([name, schema]) => [name, plan(schema)] as const)
  const seen = new Map<string, number>()
  const count = (value: unknown): string => {
    const text = literal(value, count)
    if (isPlan(value)) seen.set(text, (seen.get(text) ?? 0) + 1)
    return text
  }
  for (const [, item] of plans) count(item)
  const names = new Map<string, string>()
  const consts: string[] = []
  const write = (value: unknown): string => {
    const text = literal(value, write)
    if (!isPlan(value) || text.length < 24) return text
    const full = literal(value, count)
    if ((seen.get(full) ?? 0) < 2) return text
    let name = names.get(full)
    if (name === undefined) {
      name = `p${names.size}`
      names.set(full, name)
      consts.push(`const ${name} = ${text}`)
    }
    return name
  }
  const entries = plans.map(([name, item]) => `  ${JSON.stringify(name)}: checked(${write(item)}),`)
  return [`import { checked } from ${JSON.stringify(runtime)}`, ...consts, 'export default {', ...entries, '}', ''].join('\n')
}

if (process.argv[1] && /light-schemas-source\.ts$/.test(process.argv[1])) process.stdout.write(lightSchemaSource())
