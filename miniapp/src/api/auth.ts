import type { DemoPersona, Me, SessionResponse } from '@shared/auth'
import { demoPersonasLight, meLight, okLight, sessionLight } from './light'
import { request } from './request'

export async function fetchDemoPersonas(): Promise<DemoPersona[]> {
  const body = await request({ path: '/api/auth/demo-personas', schema: demoPersonasLight })
  return body.personas
}

export function demoLogin(personId: string): Promise<SessionResponse> {
  return request({ path: '/api/auth/demo', method: 'POST', body: { personId }, schema: sessionLight, idempotencyKey: false })
}

export function wechatLogin(code: string, inviteCode?: string): Promise<SessionResponse> {
  const body = inviteCode === undefined ? { code } : { code, inviteCode }
  return request({ path: '/api/auth/wechat', method: 'POST', body, schema: sessionLight, idempotencyKey: false })
}

/** Ends this person's sessions on the server (every phone), before the phone forgets its token. */
export async function logout(): Promise<void> {
  await request({ path: '/api/auth/logout', method: 'POST', schema: okLight, idempotencyKey: false })
}

/** A lost phone: every other phone's login ends now; this one continues with the new token. */
export function signOutOtherPhones(): Promise<SessionResponse> {
  return request({ path: '/api/auth/sign-out-others', method: 'POST', schema: sessionLight, idempotencyKey: false })
}

export function fetchMe(): Promise<Me> {
  return request({ path: '/api/me', schema: meLight })
}
