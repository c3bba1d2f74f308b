/**
 * The floors the product is read beside, served the way the product is (Hono on
 * @hono/node-server, one process): POST /noop reads the body and answers JSON; POST /insert also
 * sends one `INSERT … ON CONFLICT` through a pg pool of the product's size. PORT and DATABASE_URL
 * from the environment.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
await pool.query(
  'create table if not exists bench_floor (motion uuid not null, person uuid not null, choice text not null, at timestamptz not null default now(), primary key (motion, person))',
)
const app = new Hono()
app.post('/noop', async (c) => {
  const body = JSON.parse(await c.req.raw.text()) as { choice?: string }
  return c.json({ ok: true, choice: body.choice ?? null })
})
app.post('/insert', async (c) => {
  const body = JSON.parse(await c.req.raw.text()) as { motionId: string; choice: string }
  const result = await pool.query<{ choice: string }>(
    'insert into bench_floor (motion, person, choice) values ($1, gen_random_uuid(), $2) on conflict (motion, person) do update set choice = excluded.choice, at = now() returning choice',
    [body.motionId, body.choice],
  )
  return c.json({ ok: true, choice: result.rows[0]?.choice ?? null })
})
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => console.log('ready'))
process.on('SIGTERM', () => void pool.end().then(() => process.exit(0)))
