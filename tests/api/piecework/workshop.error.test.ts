import { describe, expect, it } from 'vitest'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, pieceworkState } from './fixture'

// Bad paging and search input: a 400 with a stable code and a message a villager can read, and nothing changes.

const api = await setupApi()
const demo = await demoWorkshop(api)
const base = { workshopId: demo.workshop.id, from: '2026-01-01', to: '2099-12-31' }
const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url')

describe.each([
  ['a page of 201 rows', '/api/piecework/collections/list', { ...base, limit: '201' }, 'validation_failed', /一页最多 200 条/],
  ['a page of 0 rows', '/api/piecework/collections/list', { ...base, limit: '0' }, 'validation_failed', /./],
  ['a page size that is not a number', '/api/piecework/collections/list', { ...base, limit: 'all' }, 'validation_failed', /./],
  ['a cursor that is not one of ours', '/api/piecework/collections/list', { ...base, cursor: 'not-a-cursor' }, 'piecework_bad_cursor', /从第一页重新加载/],
  [
    'a cursor with an impossible day',
    '/api/piecework/collections/list',
    { ...base, cursor: cursorOf('2026-02-30|00000000-0000-4000-8000-000000000000') },
    'piecework_bad_cursor',
    /翻页/,
  ],
  [
    'a cursor with extra parts',
    '/api/piecework/collections/list',
    { ...base, cursor: cursorOf('2026-02-03|00000000-0000-4000-8000-000000000000|x') },
    'piecework_bad_cursor',
    /翻页/,
  ],
  [
    'a cursor carrying SQL',
    '/api/piecework/collections/list',
    { ...base, cursor: cursorOf("2026-02-03|x'); drop table piece_collections;--") },
    'piecework_bad_cursor',
    /翻页/,
  ],
  ['a search for nothing', '/api/piecework/households/search', { workshopId: demo.workshop.id, q: '   ' }, 'validation_failed', /请输入要找的姓名/],
  ['a search of 21 characters', '/api/piecework/households/search', { workshopId: demo.workshop.id, q: '杨'.repeat(21) }, 'validation_failed', /最多 20 个字/],
  ['a search without a workshop', '/api/piecework/households/search', { q: '杨' }, 'validation_failed', /./],
] as const)('%s', (_label, path, query, code, message) => {
  it('is refused with its code and a Chinese message, and nothing changes', async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call<{ error: { code: string; message: string; fields?: { message: string }[] } }>('GET', path, {
      token: demo.headToken,
      query: { ...query },
    })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe(code)
    const text = [res.body.error.message, ...(res.body.error.fields ?? []).map((f) => f.message)].join(' ')
    expect(text).toMatch(message)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})

it('a search in a workshop that does not exist is a 404', async () => {
  const res = await api.call('GET', '/api/piecework/households/search', {
    token: demo.headToken,
    query: { workshopId: '00000000-0000-4000-8000-000000000000', q: '杨' },
  })
  expect(res.status).toBe(404)
})
