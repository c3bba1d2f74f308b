import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenPointsLedger, gardenSignups } from '../../../db/schema'
import { createdResponse, doneResponse, pointsResponse, pointsRuleSchema } from '../../../shared/garden'
import { setupApi } from '../../harness/api'
import { auditActions, bookDirect, makeShift, STEWARD, VOLUNTEER, VOLUNTEER_2 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

let workedSignupId = ''

async function summaryFor(name: string) {
  return pointsResponse.parse((await api.call('GET', '/api/garden/points/summary', { token: await api.tokenFor(name), query: { villageId } })).body)
}

describe('points', () => {
  it('the steward sets the rule; an unpopular completed shift earns more; a no-show earns none', async () => {
    const steward = await api.tokenFor(STEWARD)
    const rule = await api.call('POST', '/api/garden/points/rule', { token: steward, body: { villageId, pointsPerHour: 12, unpopularPercent: 200 } })
    expect(pointsRuleSchema.parse(rule.body)).toEqual({ pointsPerHour: 12, unpopularPercent: 200 })
    expect(await auditActions(api, villageId)).toContain('garden.points_rule.set')

    const before = await summaryFor(VOLUNTEER)
    const cold = await makeShift(api, { startInMin: -120, lengthMin: 60, unpopular: true, title: '周末卫生大扫除' })
    const came = await bookDirect(api, cold.id, VOLUNTEER)
    workedSignupId = came.id
    const missed = await bookDirect(api, cold.id, VOLUNTEER_2)
    // 张海涛 came but never checked in: the steward vouches for the whole hour, saying why.
    const done = await api.call('POST', '/api/garden/attendance/mark', {
      token: steward,
      body: { villageId, signupId: came.id, outcome: 'done', reason: '忘了签到，我看着他干完的' },
    })
    expect(doneResponse.parse(done.body)).toMatchObject({ status: 'done', pointsAwarded: 24, creditedMinutes: 60 })
    const noShow = await api.call('POST', '/api/garden/attendance/mark', { token: steward, body: { villageId, signupId: missed.id, outcome: 'no_show' } })
    expect(doneResponse.parse(noShow.body)).toMatchObject({ status: 'no_show', pointsAwarded: 0 })
    const [missedRow] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, missed.id))
    expect(missedRow?.status).toBe('no_show')
    expect(await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.signupId, missed.id))).toHaveLength(0)

    const mine = await summaryFor(VOLUNTEER)
    expect(mine.rule).toEqual({ pointsPerHour: 12, unpopularPercent: 200 })
    expect(mine.me).toEqual({ points: before.me.points + 24, minutesServed: before.me.minutesServed + 60, shiftsDone: before.me.shiftsDone + 1 })
    expect(mine.board.find((b) => b.name === VOLUNTEER)?.points).toBe(before.me.points + 24)
    expect(mine.entries.every((e) => e.name === VOLUNTEER)).toBe(true)
  })

  it('a correction is a new logged entry; the original stays', async () => {
    const steward = await api.tokenFor(STEWARD)
    const personId = await api.personId(VOLUNTEER)
    const [original] = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.signupId, workedSignupId))
    if (!original) throw new Error('expected an entry from the previous test')
    const before = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId))
    const total = (await summaryFor(STEWARD)).board.find((b) => b.personId === personId)?.points ?? 0
    const res = await api.call('POST', '/api/garden/points/adjust', {
      token: steward,
      body: { villageId, personId, delta: -4, reason: '实际只干了50分钟', correctsEntryId: original.id },
    })
    expect(res.status).toBe(201)
    const id = createdResponse.parse(res.body).id
    const entries = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId))
    expect(entries).toHaveLength(before.length + 1)
    expect(entries.find((e) => e.id === original.id)?.points).toBe(original.points)
    expect(entries.find((e) => e.id === id)).toMatchObject({
      kind: 'adjustment',
      points: -4,
      correctsEntryId: original.id,
      createdBy: await api.personId(STEWARD),
    })
    expect(await auditActions(api, id)).toEqual(['garden.points.adjusted'])
    const board = await summaryFor(STEWARD)
    expect(board.board.find((b) => b.personId === personId)?.points).toBe(total - 4)
    expect(board.entries.some((e) => e.personId !== personId)).toBe(board.board.length > 1)
  })
})
