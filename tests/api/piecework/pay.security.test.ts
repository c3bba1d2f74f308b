import { describe, expect, it } from 'vitest'
import { statementResponse } from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const mine = demo.workerByName('杨秀云')
const theirs = demo.workerByName('周翠萍')

describe('a worker reads only their own pay', () => {
  it('reads their own statement by id', async () => {
    const res = await api.call('GET', '/api/piecework/statement', {
      token: await api.tokenFor('杨秀云'),
      query: { workshopId: demo.workshop.id, workerId: mine.id },
    })
    expect(res.status).toBe(200)
    expect(statementResponse.parse(res.body).worker.id).toBe(mine.id)
  })

  it.each([
    ['a neighbouring-village worker', '杨秀云'],
    ['a 馆里村 worker', '吴晓燕'],
    ['a villager of another village', '青明'],
  ])('%s reading another worker’s statement gets 403', async (_label, name) => {
    const res = await api.call('GET', '/api/piecework/statement', {
      token: await api.tokenFor(name),
      query: { workshopId: demo.workshop.id, workerId: theirs.id },
    })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('piecework_not_your_pay')
    expect(JSON.stringify(res.body)).not.toMatch(/yearFen/)
  })

  it('the head reads any worker’s statement', async () => {
    const res = await api.call('GET', '/api/piecework/statement', { token: demo.headToken, query: { workshopId: demo.workshop.id, workerId: theirs.id } })
    expect(res.status).toBe(200)
  })

  it.each(['/api/piecework/pay-sheet', '/api/piecework/pay-sheet/xlsx'])('a worker cannot read the whole pay sheet at %s', async (path) => {
    const res = await api.call('GET', path, { token: await api.tokenFor('周翠萍'), query: { periodId: demo.closed.id } })
    expect(res.status).toBe(403)
    const outsider = await api.call('GET', path, { token: await api.tokenFor('杨秀云'), query: { periodId: demo.closed.id } })
    expect(outsider.status).toBe(403)
    const nobody = await api.call('GET', path, { query: { periodId: demo.closed.id } })
    expect(nobody.status).toBe(401)
  })
})
