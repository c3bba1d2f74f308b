/**
 * Writes the shared zod schemas the main package needs as zod/mini source (run by
 * light-schemas.ts at build time, through tsx, and by tests/miniapp/light-schemas.test.tsx).
 * The schemas stay written once, in shared/; this only restates them in zod's functional form,
 * which tree-shakes (classic zod attaches every method to every schema: ≈ 100 KB in the WeChat
 * main package for a handful of response checks). A schema part this does not know stops the
 * build rather than being checked more loosely.
 */
import type { z } from 'zod'
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

/** A constant custom message (`{ message: '…' }`), or none for the locale's own. */
function params(def: Def): string {
  const error = def.error
  if (typeof error !== 'function') return ''
  const message: unknown = (error as (issue: object) => unknown)({})
  if (typeof message !== 'string') throw new Error(`light schemas: a computed error message cannot be restated (${def.type})`)
  return `{ error: ${JSON.stringify(message)} }`
}

const STRING_FORMATS: Record<string, string> = {
  uuid: 'm.uuid',
  email: 'm.email',
  url: 'm.url',
  date: 'm.iso.date',
  datetime: 'm.iso.datetime',
  time: 'm.iso.time',
}

function check(schema: unknown): string {
  const def = defOf(schema)
  switch (def.check) {
    case 'min_length':
      return `m.minLength(${String(def.minimum)}${params(def) ? `, ${params(def)}` : ''})`
    case 'max_length':
      return `m.maxLength(${String(def.maximum)}${params(def) ? `, ${params(def)}` : ''})`
    case 'length_equals':
      return `m.length(${String(def.length)}${params(def) ? `, ${params(def)}` : ''})`
    case 'greater_than':
      return `m.${def.inclusive ? 'gte' : 'gt'}(${String(def.value)}${params(def) ? `, ${params(def)}` : ''})`
    case 'less_than':
      return `m.${def.inclusive ? 'lte' : 'lt'}(${String(def.value)}${params(def) ? `, ${params(def)}` : ''})`
    case 'number_format':
      if (def.format === 'safeint') return `m.int(${params(def)})`
      break
    case 'string_format':
      if (def.format === 'regex' && def.pattern instanceof RegExp) return `m.regex(${def.pattern.toString()}${params(def) ? `, ${params(def)}` : ''})`
      break
    case 'overwrite': {
      const source = String(def.tx)
      if (/\.trim\(\)/.test(source)) return 'm.trim()'
      if (/\.toLowerCase\(\)/.test(source)) return 'm.toLowerCase()'
      if (/\.toUpperCase\(\)/.test(source)) return 'm.toUpperCase()'
      break
    }
  }
  throw new Error(`light schemas: unknown check ${String(def.check)} ${String(def.format ?? '')}`)
}

function withChecks(base: string, def: Def, skipFirst = false): string {
  const checks = (def.checks as unknown[] | undefined) ?? []
  const rest = skipFirst ? checks.slice(1) : checks
  return rest.length === 0 ? base : `${base}.check(${rest.map(check).join(', ')})`
}

export function mini(schema: unknown): string {
  const def = defOf(schema)
  switch (def.type) {
    case 'string': {
      if (typeof def.format === 'string') {
        const maker = STRING_FORMATS[def.format]
        if (!maker) throw new Error(`light schemas: unknown string format ${def.format}`)
        if (def.format === 'url' && (def.protocol || def.hostname)) throw new Error('light schemas: url options are not restated')
        return withChecks(`${maker}(${params(def)})`, def)
      }
      return withChecks(`m.string(${params(def)})`, def)
    }
    case 'number':
      if (def.format === 'safeint') return withChecks(`m.int(${params(def)})`, def)
      return withChecks(`m.number(${params(def)})`, def)
    case 'boolean':
      return withChecks(`m.boolean(${params(def)})`, def)
    case 'null':
      return 'm.null()'
    case 'unknown':
      return 'm.unknown()'
    case 'enum':
      return `m.enum(${JSON.stringify(Object.values(def.entries as Record<string, string>))}${params(def) ? `, ${params(def)}` : ''})`
    case 'literal':
      return `m.literal(${JSON.stringify(def.values)}${params(def) ? `, ${params(def)}` : ''})`
    case 'array':
      return withChecks(`m.array(${mini(def.element)}${params(def) ? `, ${params(def)}` : ''})`, def)
    case 'nullable':
      return `m.nullable(${mini(def.innerType)})`
    case 'optional':
      return `m.optional(${mini(def.innerType)})`
    case 'default':
      return `m._default(${mini(def.innerType)}, ${JSON.stringify(def.defaultValue)})`
    case 'union':
      return `m.union([${(def.options as unknown[]).map(mini).join(', ')}])`
    case 'record':
      return `m.record(${mini(def.keyType)}, ${mini(def.valueType)})`
    case 'object': {
      const shape = Object.entries(def.shape as Record<string, unknown>).map(([key, value]) => `${JSON.stringify(key)}: ${mini(value)}`)
      const catchall = def.catchall === undefined ? null : defOf(def.catchall).type
      const maker = catchall === null ? 'm.object' : catchall === 'never' ? 'm.strictObject' : catchall === 'unknown' ? 'm.looseObject' : null
      if (maker === null) throw new Error('light schemas: object catchall is not restated')
      return withChecks(`${maker}({ ${shape.join(', ')} })`, def)
    }
  }
  throw new Error(`light schemas: unknown schema type ${def.type}`)
}

/** The module's source: zod/mini, jitless (the mini-program runtime refuses eval), the schemas as one default export. */
export function lightSchemaSource(): string {
  const lines = [
    "import * as m from 'zod/mini'",
    '// Mini-program runtimes forbid eval/new Function; set before any schema is built.',
    'm.config({ jitless: true })',
    'export default {',
  ]
  for (const [name, schema] of Object.entries(lightSchemas)) lines.push(`  ${JSON.stringify(name)}: ${mini(schema)},`)
  lines.push('}')
  return `${lines.join('\n')}\n`
}

if (process.argv[1] && /light-schemas-source\.ts$/.test(process.argv[1])) process.stdout.write(lightSchemaSource())
