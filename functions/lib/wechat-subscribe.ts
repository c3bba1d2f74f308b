import { z } from 'zod'
import type { SendOutcome } from '../../shared/garden'

/*
 * WeChat subscription messages (subscribeMessage.send) with a cached access token. The token comes
 * from /cgi-bin/stable_token: unlike /cgi-bin/token, asking for it again does not invalidate the
 * one another serverless instance holds, so each instance can keep its own copy in memory.
 */

export interface WechatApp {
  base: string
  appid: string
  secret: string
}

export interface SubscribeMessage {
  openid: string
  templateId: string
  /** The mini-program page a tap on the message opens. */
  page: string
  data: Record<string, string>
  state: 'formal' | 'trial' | 'developer'
}

const tokenReply = z.object({
  access_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive().optional(),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
})
const sendReply = z.object({ errcode: z.number().int().optional(), errmsg: z.string().optional() })

/** The token expired or is not (any longer) valid: renew it and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])
/** The message itself is wrong (openid, template, data, page): sending it again changes nothing. */
const PERMANENT_ERRORS = new Set([40003, 40037, 41030, 47003])
const REFUSED = 43101
const RATE_LIMITED = 45009
/** Renew this long before WeChat's expiry, so a token is never used in its last minutes. */
const EARLY_RENEWAL_MS = 5 * 60_000
const TIMEOUT_MS = 5_000

class TokenUnavailable extends Error {}

/** One instance's access token: fetched once, shared by concurrent sends, renewed on expiry. */
export class AccessTokens {
  private current: { value: string; expiresAt: number } | null = null
  private inflight: Promise<string> | null = null
  /** How many times WeChat was asked for a token (the tests read it). */
  fetches = 0

  constructor(
    private readonly app: WechatApp,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.current.expiresAt > this.now()) return this.current.value
    return this.fetch(false)
  }

  /** `rejected` was refused by WeChat: fetch a fresh one, unless a concurrent send already has. */
  async renew(rejected: string): Promise<string> {
    if (this.current && this.current.value !== rejected && this.current.expiresAt > this.now()) return this.current.value
    this.current = null
    return this.fetch(true)
  }

  private fetch(forceRefresh: boolean): Promise<string> {
    this.inflight ??= this.request(forceRefresh).finally(() => {
      this.inflight = null
    })
    return this.inflight
  }

  private async request(forceRefresh: boolean): Promise<string> {
    this.fetches += 1
    let reply: z.infer<typeof tokenReply>
    try {
      const response = await fetch(new URL('/cgi-bin/stable_token', this.app.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: this.app.appid, secret: this.app.secret, force_refresh: forceRefresh }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      reply = tokenReply.parse(await response.json())
    } catch (error) {
      throw new TokenUnavailable(`token: ${describe(error)}`)
    }
    if (!reply.access_token || !reply.expires_in) throw new TokenUnavailable(`token: ${reply.errcode ?? '?'} ${reply.errmsg ?? ''}`.trim())
    this.current = { value: reply.access_token, expiresAt: this.now() + reply.expires_in * 1000 - EARLY_RENEWAL_MS }
    return reply.access_token
  }
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 200)

type Reply = { kind: 'answer'; errcode: number; errmsg: string } | { kind: 'lost'; detail: string }

export class WechatSubscribeSender {
  readonly tokens: AccessTokens

  constructor(
    private readonly app: WechatApp,
    now: () => number = Date.now,
  ) {
    this.tokens = new AccessTokens(app, now)
  }

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    try {
      let token = await this.tokens.get()
      let reply = await this.post(token, message)
      if (reply.kind === 'answer' && TOKEN_ERRORS.has(reply.errcode)) {
        // Once: a token refused twice in a row is WeChat's trouble, tried again next run.
        token = await this.tokens.renew(token)
        reply = await this.post(token, message)
      }
      return outcomeOf(reply)
    } catch (error) {
      if (error instanceof TokenUnavailable) return { kind: 'retry', detail: error.message, stopRun: true }
      throw error
    }
  }

  private async post(token: string, message: SubscribeMessage): Promise<Reply> {
    const url = new URL('/cgi-bin/message/subscribe/send', this.app.base)
    url.searchParams.set('access_token', token)
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.openid,
          template_id: message.templateId,
          page: message.page,
          miniprogram_state: message.state,
          lang: 'zh_CN',
          data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      if (!response.ok) return { kind: 'lost', detail: `HTTP ${response.status}` }
      const reply = sendReply.parse(await response.json())
      return { kind: 'answer', errcode: reply.errcode ?? 0, errmsg: reply.errmsg ?? '' }
    } catch (error) {
      return { kind: 'lost', detail: describe(error) }
    }
  }
}

function outcomeOf(reply: Reply): SendOutcome {
  // No answer: WeChat may be down, so the rest of this run would only wait for timeouts too.
  if (reply.kind === 'lost') return { kind: 'retry', detail: reply.detail, stopRun: true }
  const detail = `${reply.errcode} ${reply.errmsg}`.trim()
  if (reply.errcode === 0) return { kind: 'sent' }
  if (reply.errcode === REFUSED) return { kind: 'refused' }
  if (PERMANENT_ERRORS.has(reply.errcode)) return { kind: 'rejected', detail }
  // 45009: today's quota is spent; -1: WeChat busy; a token refused twice; anything unknown.
  return { kind: 'retry', detail, stopRun: reply.errcode === RATE_LIMITED || TOKEN_ERRORS.has(reply.errcode) }
}

const senders = new Map<string, WechatSubscribeSender>()

/** One sender (one cached token) per app and base URL for the life of the instance. */
export function wechatSender(app: WechatApp): WechatSubscribeSender {
  const key = `${app.base}\n${app.appid}\n${app.secret}`
  let sender = senders.get(key)
  if (!sender) {
    sender = new WechatSubscribeSender(app)
    senders.set(key, sender)
  }
  return sender
}
