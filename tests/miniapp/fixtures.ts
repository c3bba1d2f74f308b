import type { DemoPersona, Me, SessionResponse } from '@shared/auth'

export const villageId = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890'
export const secretaryId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
export const weaverId = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e'

export const personas: DemoPersona[] = [
  {
    personId: secretaryId,
    name: '包书记',
    villageName: '高井嘎查',
    roles: ['secretary', 'villager'],
    description: '党支部书记，召集村民会议、公布结果',
  },
  {
    personId: weaverId,
    name: '王秀兰',
    villageName: '馆里村',
    roles: ['villager', 'household_rep'],
    description: '在家织手撒网，按件计酬',
  },
]

export const me: Me = {
  person: { id: secretaryId, name: '包书记', birthYear: 1968, householdId: null },
  memberships: [
    {
      villageId,
      villageName: '高井嘎查',
      villageKind: 'gachaa',
      township: '甘旗卡镇',
      roles: ['secretary', 'villager'],
    },
  ],
}

export const session: SessionResponse = {
  token: 'token-abc',
  expiresAt: '2999-01-01T00:00:00.000Z',
  me,
}

export function ok<T>(data: T, statusCode = 200) {
  return { statusCode, data, header: {}, errMsg: 'request:ok' }
}

export function fail(statusCode: number, code: string, message: string) {
  return { statusCode, data: { error: { code, message } }, header: {}, errMsg: 'request:ok' }
}

export interface RequestCall {
  url: string
  method?: string
  data?: unknown
  header?: Record<string, string>
}
