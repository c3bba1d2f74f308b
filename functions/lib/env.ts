import { z } from 'zod'

/** Public (it is in the repository): signs development sessions only, never accepted in production. */
export const DEV_SECRET = 'xiangyue-dev-only-secret-change-me-in-production-0123456789'

const envSchema = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    /** Neon's direct (non-PgBouncer) connection string, for `npm run db:migrate` only. */
    DATABASE_URL_UNPOOLED: z.string().url().optional(),
    /** '1' applies pending migrations on first use; '0' only checks and answers 503. Ignored in production. */
    DB_AUTO_MIGRATE: z.enum(['0', '1']).optional(),
    DATABASE_DRIVER: z.enum(['pglite', 'pg', 'neon']).optional(),
    /**
     * '0' sends every statement unnamed: for a connection pooler that refuses protocol-level
     * prepared statements (PgBouncer in transaction mode before 1.21). Default on.
     */
    DATABASE_PREPARED_STATEMENTS: z.enum(['0', '1']).default('1'),
    /** '0': pg connections send each statement after the previous answer (no pipelining). Default on. */
    DATABASE_PIPELINE: z.enum(['0', '1']).default('1'),
    PGLITE_DIR: z.string().optional(),
    NEON_WS_PROXY: z.string().optional(),
    SESSION_SECRET: z.string().min(32).optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .positive()
      .default(24 * 30),
    DEMO_LOGIN: z.enum(['0', '1']).default('0'),
    WECHAT_APPID: z.string().optional(),
    WECHAT_SECRET: z.string().optional(),
    WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
    /** The subscription-message template (公共模板库) the shift reminders are sent with. */
    WECHAT_REMINDER_TEMPLATE_ID: z.string().min(1).max(128).optional(),
    /** The template's keys for what, when and a note, in that order (they differ per template). */
    WECHAT_REMINDER_TEMPLATE_KEYS: z
      .string()
      .regex(/^[a-z_]+\d+,[a-z_]+\d+,[a-z_]+\d+$/, { message: 'three template keys, e.g. thing1,time2,thing3' })
      .default('thing1,time2,thing3'),
    /** Which version of the mini-program a tapped message opens. */
    WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
    /** The bearer secret Vercel Cron sends (Authorization: Bearer …) to the reminder route. */
    CRON_SECRET: z.string().min(16).optional(),
    /** '0' turns off the local server's own reminder schedule (npm start). */
    REMINDER_TIMER: z.enum(['0', '1']).default('1'),
    PUBLIC_BASE_URL: z.string().url().optional(),
    VERCEL_ENV: z.string().optional(),
    /** Where `npm start` (functions/server/serve.ts) listens. */
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    NODE_ENV: z.string().optional(),
  })
  .transform((env) => {
    const production = env.VERCEL_ENV === 'production' || env.NODE_ENV === 'production'
    if (production && !env.SESSION_SECRET) {
      throw new Error('SESSION_SECRET (32+ characters) must be set in production')
    }
    // The development key is in the repository: anyone could sign a token with it.
    if (production && env.SESSION_SECRET === DEV_SECRET) {
      throw new Error('SESSION_SECRET is the public development key; set a secret of your own in production')
    }
    // Demo login lets anyone pick a person, and the demo seed writes fictional villages: neither
    // may exist on real villagers' data. Asked for in production, the server refuses to start.
    if (production && env.DEMO_LOGIN === '1') {
      throw new Error('DEMO_LOGIN=1 is refused in production: demo login and the demo villages are for development only')
    }
    // A serverless instance's disk is thrown away: the embedded database would silently lose data.
    if (production && !env.DATABASE_URL) throw new Error('DATABASE_URL must be set in production')
    // Vercel runs vercel.json's crons on production deployments: without the secret the reminder
    // route would refuse Vercel too, and nothing would be reminded, so the server does not start.
    if (env.VERCEL_ENV === 'production' && !env.CRON_SECRET) {
      throw new Error('CRON_SECRET (16+ characters) must be set in production: vercel.json schedules the reminder cron')
    }
    const [thingKey = 'thing1', timeKey = 'time2', noteKey = 'thing3'] = env.WECHAT_REMINDER_TEMPLATE_KEYS.split(',')
    const reminderTemplate =
      env.WECHAT_APPID && env.WECHAT_SECRET && env.WECHAT_REMINDER_TEMPLATE_ID ? { id: env.WECHAT_REMINDER_TEMPLATE_ID, thingKey, timeKey, noteKey } : null
    // Production migrates in its own step before traffic (npm run db:migrate), never from a request.
    const autoMigrate = !production && env.DB_AUTO_MIGRATE !== '0'
    return { ...env, production, autoMigrate, reminderTemplate, SESSION_SECRET: env.SESSION_SECRET ?? DEV_SECRET }
  })

export type Env = z.infer<typeof envSchema>

let cached: Env | undefined

/** The only reader of process.env on the server side; parsed once, validated with zod. */
export function getEnv(): Env {
  cached ??= envSchema.parse(process.env)
  return cached
}

/** Demo login (and the demo villages): on only when asked for, and never in production. */
export function demoLoginEnabled(): boolean {
  const env = getEnv()
  return env.DEMO_LOGIN === '1' && !env.production
}

/** Tests change process.env between files; this makes the next getEnv() read it again. */
export function resetEnv(): void {
  cached = undefined
}
