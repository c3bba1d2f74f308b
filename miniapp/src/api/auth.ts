import {
  demoPersonasResponse,
  meSchema,
  sessionResponse,
  type DemoPersona,
  type Me,
  type SessionResponse,
} from '@shared/auth'
import { request } from './request'

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

export function fetchMe(): Promise<Me> {
  return request({ path: '/api/me', schema: meSchema })
}
