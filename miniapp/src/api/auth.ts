import {
  demoPersonasResponse,
  meSchema,
  sessionResponse,
  type DemoPersona,
  type Me,
  type SessionResponse,
} from '@shared/auth'
import { request } from './request'
import { okResponse } from '@shared/ids'

export async function fetchDemoPersonas(): Promise<DemoPersona[]> {
  const body = await request({ path: '/api/auth/demo-personas', schema: demoPersonasResponse })
  return body.personas
}

export function demoLogin(personId: string): Promise<SessionResponse> {
  return request({ path: '/api/auth/demo', method: 'POST', body: { personId }, schema: sessionResponse, idempotencyKey: false })
}

export function wechatLogin(code: string, inviteCode?: string): Promise<SessionResponse> {
  const body = inviteCode === undefined ? { code } : { code, inviteCode }
  return request({ path: '/api/auth/wechat', method: 'POST', body, schema: sessionResponse, idempotencyKey: false })
}

/** Ends this person's sessions on the server (every phone), before the phone forgets its token. */
export async function logout(): Promise<void> {
  await request({ path: '/api/auth/logout', method: 'POST', schema: okResponse, idempotencyKey: false })
}

/** A lost phone: every other phone's login ends now; this one continues with the new token. */
export function signOutOtherPhones(): Promise<SessionResponse> {
  return request({ path: '/api/auth/sign-out-others', method: 'POST', schema: sessionResponse, idempotencyKey: false })
}

export function fetchMe(): Promise<Me> {
  return request({ path: '/api/me', schema: meSchema })
}
