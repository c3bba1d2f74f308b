import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SentMessage {
  token: string
  touser: string
  template_id: string
  page: string
  miniprogram_state: string
  lang: string
  data: Record<string, { value: string }>
}

/** What the fake answers to the next send: a WeChat errcode, or a dropped connection. */
export type ScriptedAnswer = { errcode: number; errmsg?: string } | 'drop'

/**
 * WeChat's API on loopback, as much of it as the reminders use: /cgi-bin/stable_token (the same
 * token until it is forced or invalidated) and /cgi-bin/message/subscribe/send (40001 for a token
 * it no longer knows; otherwise the scripted answers, then success).
 */
export interface FakeWechat {
  base: string
  sent: SentMessage[]
  tokenRequests: { appid: string; secret: string; force_refresh: boolean }[]
  /** Answers for the coming sends, taken in order. */
  script: ScriptedAnswer[]
  /** WeChat forgets every token it gave (as after a reset by another caller). */
  invalidateTokens: () => void
  reset: () => void
  close: () => Promise<void>
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : {}
}

export async function startFakeWechat(): Promise<FakeWechat> {
  let issued = 0
  let current: string | null = null
  const valid = new Set<string>()
  const fake: Omit<FakeWechat, 'base' | 'close'> = {
    sent: [],
    tokenRequests: [],
    script: [],
    invalidateTokens: () => {
      valid.clear()
      current = null
    },
    reset: () => {
      fake.sent.length = 0
      fake.tokenRequests.length = 0
      fake.script.length = 0
    },
  }
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake')
      const reply = (body: unknown) => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      if (request.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        const body = (await readJson(request)) as { appid: string; secret: string; force_refresh?: boolean }
        fake.tokenRequests.push({ appid: body.appid, secret: body.secret, force_refresh: body.force_refresh === true })
        if (body.force_refresh === true || current === null) {
          issued += 1
          current = `fake-token-${issued}`
          valid.add(current)
        }
        return reply({ access_token: current, expires_in: 7200 })
      }
      if (request.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const token = url.searchParams.get('access_token') ?? ''
        const body = (await readJson(request)) as Omit<SentMessage, 'token'>
        if (!valid.has(token)) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        const next = fake.script.shift()
        if (next === 'drop') {
          request.socket.destroy()
          return
        }
        if (next && next.errcode !== 0) return reply({ errcode: next.errcode, errmsg: next.errmsg ?? 'scripted' })
        fake.sent.push({ token, ...body })
        return reply({ errcode: 0, errmsg: 'ok', msgid: fake.sent.length })
      }
      response.writeHead(404)
      response.end()
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    ...fake,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
