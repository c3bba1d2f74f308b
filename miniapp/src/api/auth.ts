import { demoPersonasLight, meLight, okLight, sessionLight } from './light'
import { get, post } from './contract'

export async function fetchDemoPersonas() {
  const body = await get('/api/auth/demo-personas', { schema: demoPersonasLight })
  return body.personas
}

// Logins carry no Idempotency-Key: their answer is a token, which must not be stored server-side.
export function demoLogin(personId: string) {
  return post('/api/auth/demo', { body: { personId }, schema: sessionLight, idempotencyKey: false })
}

export function wechatLogin(code: string, inviteCode?: string) {
  const body = inviteCode === undefined ? { code } : { code, inviteCode }
  return post('/api/auth/wechat', { body, schema: sessionLight, idempotencyKey: false })
}

/** Ends this person's sessions on the server (every phone), before the phone forgets its token. */
export async function logout(): Promise<void> {
  await post('/api/auth/logout', { schema: okLight, idempotencyKey: false })
}

/** A lost phone: every other phone's login ends now; this one continues with the new token. */
export function signOutOtherPhones() {
  return post('/api/auth/sign-out-others', { schema: sessionLight, idempotencyKey: false })
}

export function fetchMe() {
  return get('/api/me', { schema: meLight })
}
