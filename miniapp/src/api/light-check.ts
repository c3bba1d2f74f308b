/**
 * Runs the checks the main package's answers get: plans that config/light-schemas-source.ts
 * derives from the shared zod schemas when the app is built (`virtual:xy-light-schemas`). The
 * rules stay written once, in shared/; a plan is their def restated as data, and this file is the
 * part of zod's parse that those defs need, in a few hundred bytes instead of zod/mini's ≈ 25 KB
 * core. tests/miniapp/light-schemas.test.tsx runs the plans here against the shared schemas
 * (verdicts, parsed values, the invite code's words), so a difference fails there. Plain
 * functions over data: the mini-program runtime refuses eval and new Function.
 */

/** A check of a string, number or array, in zod's order; `m` is the schema's own message, if any. */
export type Check =
  | { k: 'min' | 'max' | 'len'; n: number; m?: string }
  | { k: 'gte' | 'gt' | 'lte' | 'lt'; n: number; m?: string }
  | { k: 'int'; m?: string }
  | { k: 're'; re: RegExp; m?: string }
  | { k: 'trim' | 'lower' | 'upper' }

/** One schema part; `m` is the message of a value of the wrong kind. */
export type Plan =
  | { t: 'string' | 'number' | 'boolean' | 'null'; c?: readonly Check[]; m?: string }
  | { t: 'enum'; v: readonly unknown[]; m?: string }
  | { t: 'array'; e: Plan; c?: readonly Check[]; m?: string }
  | { t: 'object'; s: Readonly<Record<string, Plan>>; strict?: boolean; c?: readonly Check[]; m?: string }
  | { t: 'nullable' | 'optional'; i: Plan }
  | { t: 'default'; i: Plan; d: string | number | boolean | null }

interface Issue {
  message: string
}
type Result = { success: true; data: unknown } | { success: false; error: { issues: readonly Issue[] } }

// What a villager would read if an answer's message were ever shown (it is not: a refused answer
// is 服务器返回的数据有误); the invite code carries its own words in its plan.
const INVALID = '输入无效'

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

type Test = Exclude<Check, { k: 'trim' | 'lower' | 'upper' }>

function passes(check: Test, value: unknown): boolean {
  switch (check.k) {
    case 're':
      check.re.lastIndex = 0
      return check.re.test(value as string)
    case 'int':
      return Number.isSafeInteger(value)
    case 'min':
      return (value as { length: number }).length >= check.n
    case 'max':
      return (value as { length: number }).length <= check.n
    case 'len':
      return (value as { length: number }).length === check.n
    case 'gte':
      return (value as number) >= check.n
    case 'gt':
      return (value as number) > check.n
    case 'lte':
      return (value as number) <= check.n
    case 'lt':
      return (value as number) < check.n
  }
}

/** zod's checks all run (none aborts by default), in order; overwrites change the value for the next. */
function runChecks(value: unknown, checks: readonly Check[] | undefined, issues: Issue[]): unknown {
  for (const check of checks ?? []) {
    switch (check.k) {
      case 'trim':
        value = (value as string).trim()
        break
      case 'lower':
        value = (value as string).toLowerCase()
        break
      case 'upper':
        value = (value as string).toUpperCase()
        break
      default:
        if (!passes(check, value)) issues.push({ message: check.m ?? INVALID })
    }
  }
  return value
}

function run(plan: Plan, value: unknown, issues: Issue[]): unknown {
  const wrong = (message: string | undefined) => {
    issues.push({ message: message ?? INVALID })
    return value
  }
  switch (plan.t) {
    case 'optional':
      return value === undefined ? value : run(plan.i, value, issues)
    case 'nullable':
      return value === null ? value : run(plan.i, value, issues)
    case 'default':
      // zod hands back the default as it is, without checking it.
      return value === undefined ? plan.d : run(plan.i, value, issues)
    case 'null':
      return value === null ? value : wrong(plan.m)
    case 'boolean':
      return typeof value === 'boolean' ? value : wrong(plan.m)
    case 'enum':
      return plan.v.includes(value) ? value : wrong(plan.m)
    case 'string':
      return typeof value === 'string' ? runChecks(value, plan.c, issues) : wrong(plan.m)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? runChecks(value, plan.c, issues) : wrong(plan.m)
    case 'array':
      if (!Array.isArray(value)) return wrong(plan.m)
      return runChecks(
        value.map((item) => run(plan.e, item, issues)),
        plan.c,
        issues,
      )
    case 'object': {
      if (!isRecord(value)) return wrong(plan.m)
      const out: Record<string, unknown> = {}
      for (const [key, part] of Object.entries(plan.s)) {
        const present = key in value
        const parsed = run(part, value[key], issues)
        // An absent optional key stays absent (a default fills it); a present undefined stays.
        if (parsed !== undefined || present) out[key] = parsed
      }
      if (plan.strict && Object.keys(value).some((key) => !(key in plan.s))) issues.push({ message: INVALID })
      return runChecks(out, plan.c, issues)
    }
  }
}

/** A plan as the app's `Checked<T>`: zod's safeParse answer, with each issue's message. */
export function checked(plan: Plan): { safeParse(data: unknown): Result } {
  return {
    safeParse(data) {
      const issues: Issue[] = []
      const value = run(plan, data, issues)
      return issues.length === 0 ? { success: true, data: value } : { success: false, error: { issues } }
    },
  }
}
