/**
 * The typed client (api/contract.ts) adds nothing of its own at run time: it hands request() the
 * route's method, query, body and the write options unchanged.
 */
import { describe, expect, it } from 'vitest'
import { okResponse } from '@shared/ids'
import { meSchema } from '@shared/auth'
import { ballotResponse, voteResponse } from '@shared/land'
import { directoryResponse } from '@shared/people'
import { get, post } from '@/api/contract'
import { me, ok, type RequestCall } from './fixtures'
import Taro from './taro-mock'

const requestMock = Taro.request
const lastCall = () => requestMock.mock.calls.at(-1)?.[0] as RequestCall

describe('get / post', () => {
  it('reads a GET route with its query, leaving absent values out', async () => {
    requestMock.mockResolvedValueOnce(ok(me))
    await expect(get('/api/me', { schema: meSchema })).resolves.toEqual(me)
    expect(lastCall()).toMatchObject({ url: '/api/me', method: 'GET' })

    // Only the URL matters here: the answer does not fit the schema and is refused as such.
    requestMock.mockResolvedValueOnce(ok({}))
    await expect(get('/api/villages/people', { query: { villageId: 'v 1', q: undefined }, schema: directoryResponse })).rejects.toMatchObject({
      code: 'bad_response',
    })
    expect(lastCall().url).toBe('/api/villages/people?villageId=v%201')
  })

  it('sends a POST with its body and an Idempotency-Key, unless the route says it takes none', async () => {
    requestMock.mockResolvedValueOnce(ok({ ok: true }))
    await post('/api/land/assistance/mark', { body: { villageId: 'v', personId: 'p', need: null }, schema: okResponse })
    expect(lastCall()).toMatchObject({ method: 'POST', data: { villageId: 'v', personId: 'p', need: null } })
    expect(lastCall().header?.['Idempotency-Key']).toMatch(/^w/)

    requestMock.mockResolvedValueOnce(ok({ ok: true }))
    await post('/api/auth/logout', { schema: okResponse, idempotencyKey: false })
    expect(lastCall().header).not.toHaveProperty('Idempotency-Key')
    expect(lastCall().data).toBeUndefined()
  })
})

/*
 * What the contract refuses at compile time (`npm run typecheck` reads this file): each line
 * below must stay an error, or the typecheck fails on its unused @ts-expect-error.
 */
export function refusedByTheContract(): void {
  // @ts-expect-error -- 'yes' is not a choice the ballot takes (for / against / abstain)
  void post('/api/land/votes/cast', { body: { motionId: 'm', choice: 'yes' }, schema: voteResponse, idempotencyKey: false })
  // @ts-expect-error -- a GET route is not sent with post()
  void post('/api/me', { schema: meSchema })
  // @ts-expect-error -- the answer is checked with the route's own response schema
  void get('/api/me', { schema: okResponse })
  // @ts-expect-error -- no such route
  void get('/api/land/nothing', { schema: okResponse })
  // @ts-expect-error -- the route's query must be given
  void get('/api/land/votes/mine', { schema: ballotResponse })
}
