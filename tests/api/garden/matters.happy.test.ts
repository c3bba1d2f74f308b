import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, gardenDuties, gardenMatterBallots, gardenMatters } from '../../../db/schema'
import {
  matterBallotResponse,
  matterDecisionResponse,
  matterDetailResponse,
  matterLinksResponse,
  matterRollResponse,
  mattersResponse,
} from '../../../shared/garden'
import { setupApi } from '../../harness/api'
import {
  addToHousehold,
  close,
  endVoting,
  hands,
  householdIdOf,
  putMatter,
  RESIDENT,
  RESIDENT_2,
  RESIDENT_3,
  SECRETARY,
  STEWARD,
  vote,
} from './matters-fixture'

const api = await setupApi()
const villageId = api.demo.caibei

const detail = async (name: string, matterId: string) =>
  matterDetailResponse.parse((await api.call('GET', '/api/garden/matters/detail', { token: await api.tokenFor(name), query: { villageId, matterId } })).body)

describe('the demo courtyard', () => {
  it('has the layout decided by the council and the winter watering open to vote on now', async () => {
    const res = await api.call('GET', '/api/garden/matters/list', { token: await api.tokenFor(RESIDENT), query: { villageId } })
    expect(res.status).toBe(200)
    const { matters, mayPropose } = mattersResponse.parse(res.body)
    expect(mayPropose).toBe(false)
    const layout = matters.find((m) => m.title.includes('共享菜园'))
    expect(layout?.phase).toBe('decided')
    expect(layout?.passed).toBe(true)
    expect(layout?.arithmetic).toBe('同意 6 人，占投票 7 人的过半数（至少 4 人）→ 通过')
    const winter = matters.find((m) => m.title === '冬季菜园停止浇水值班')
    expect(winter?.phase).toBe('open')
    expect(winter?.mayVote).toBe(true)
    expect(winter?.myChoice).toBeNull()
    const seen = await detail(RESIDENT, winter?.id ?? '')
    expect(seen.thresholdWords).toContain('超过一半')
    expect(seen.pausesDuty?.title).toBe('早上浇水')
    expect(seen.votedSoFar).toBe(3)
    expect(seen.result).toBeNull()
    // The demo resident can vote at once.
    expect((await vote(api, RESIDENT, winter?.id ?? '', 'for')).status).toBe(200)
  })
})

describe('a matter from putting it to publishing its result', () => {
  it('counts app ballots and the meeting’s hands once each, publishes the arithmetic, pauses the duty and links it', async () => {
    const [duty] = await api.db
      .select()
      .from(gardenDuties)
      .where(and(eq(gardenDuties.villageId, villageId), eq(gardenDuties.title, '周六除草')))
    const matterId = await putMatter(api, { title: '冬天暂停周六除草', pausesDutyId: duty?.id ?? '' })

    const first = await vote(api, RESIDENT, matterId, 'against')
    expect(first.status).toBe(200)
    expect(matterBallotResponse.parse(first.body).message).toBe('您已投票：反对，截止前可以改')
    // Changeable until close: still one ballot.
    const changed = matterBallotResponse.parse((await vote(api, RESIDENT, matterId, 'for')).body)
    expect(changed.message).toBe('您已投票：同意，截止前可以改')
    expect(await api.db.select().from(gardenMatterBallots).where(eq(gardenMatterBallots.matterId, matterId))).toHaveLength(1)
    expect((await vote(api, RESIDENT_2, matterId, 'for')).status).toBe(200)
    expect((await vote(api, RESIDENT_3, matterId, 'against')).status).toBe(200)
    expect((await detail(RESIDENT, matterId)).myChoice).toBe('同意')

    // The meeting: 5 present, one of whom (沙秀芳) already voted in the app → at most 4 hands.
    const roll = matterRollResponse.parse(
      (await api.call('GET', '/api/garden/matters/roll', { token: await api.tokenFor(STEWARD), query: { villageId, matterId } })).body,
    )
    expect(roll.voters.find((v) => v.name === RESIDENT)).toMatchObject({ votedInApp: true, present: false })
    expect(roll.voters).toHaveLength(15)
    const entered = await hands(api, matterId, [RESIDENT, STEWARD, '杨桂芝', '金宝山', '刘淑英'], { for: 3, against: 0, abstain: 1 })
    expect(entered.status).toBe(200)
    expect(entered.body).toEqual({ matterId, hallPresent: 5, maxHands: 4, handsTotal: 4 })

    // Once the hands are in, the steward may close before the deadline.
    const closed = await close(api, matterId)
    expect(closed.status).toBe(200)
    const decision = matterDecisionResponse.parse(closed.body)
    expect(decision.arithmetic).toBe('同意 5 人，占投票 7 人的过半数（至少 4 人）→ 通过')
    expect(decision.result.options.map((o) => [o.label, o.app, o.hands, o.total])).toEqual([
      ['同意', 2, 3, 5],
      ['反对', 1, 0, 1],
      ['弃权', 0, 1, 1],
    ])
    expect(decision.changed).toEqual([{ subjectType: 'garden_duty', subjectId: duty?.id, label: '周六除草', note: '按居民议事会决定《冬天暂停周六除草》暂停' }])
    const [after] = await api.db
      .select()
      .from(gardenDuties)
      .where(eq(gardenDuties.id, duty?.id ?? ''))
    expect(after?.active).toBe(false)

    // The courtyard reads the result; the duty links back to the decision.
    const seen = await detail(RESIDENT_3, matterId)
    expect(seen.phase).toBe('decided')
    expect(seen.arithmetic).toBe(decision.arithmetic)
    const links = matterLinksResponse.parse(
      (await api.call('GET', '/api/garden/matters/links', { token: await api.tokenFor(RESIDENT_3), query: { villageId, subjectId: duty?.id ?? '' } })).body,
    )
    expect(links.decisions.map((d) => d.matterId)).toEqual([matterId])
    const actions = (await api.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, matterId))).map((r) => r.action)
    expect(actions).toEqual([
      'garden.matter.created',
      'garden.matter.voted',
      'garden.matter.voted',
      'garden.matter.voted',
      'garden.matter.voted',
      'garden.matter.hands_entered',
      'garden.matter.decided',
    ])
  })

  it('a matter that fails pauses nothing; of all eligible, not voting is not agreeing', async () => {
    const [duty] = await api.db
      .select()
      .from(gardenDuties)
      .where(and(eq(gardenDuties.villageId, villageId), eq(gardenDuties.title, '门岗值守')))
    const matterId = await putMatter(api, { threshold: 'eligible', pausesDutyId: duty?.id ?? '' })
    for (const name of [RESIDENT, RESIDENT_2, RESIDENT_3, STEWARD, '杨桂芝', '金宝山', '刘淑英'])
      expect((await vote(api, name, matterId, 'for')).status).toBe(200)
    await endVoting(api, matterId)
    const decision = matterDecisionResponse.parse((await close(api, matterId, SECRETARY)).body)
    expect(decision.passed).toBe(false)
    expect(decision.arithmetic).toBe('同意 7 人，没有超过有投票权的 15 人的一半（至少要 8 人）→ 未通过')
    expect(decision.changed).toEqual([])
    const [after] = await api.db
      .select()
      .from(gardenDuties)
      .where(eq(gardenDuties.id, duty?.id ?? ''))
    expect(after?.active).toBe(true)
  })

  it('a choice among named options is carried by more than half', async () => {
    const matterId = await putMatter(api, { kind: 'choice', options: ['西红柿', '黄瓜', '豆角'] })
    const seen = await detail(RESIDENT, matterId)
    expect(seen.options.map((o) => o.label)).toEqual(['西红柿', '黄瓜', '豆角', '弃权'])
    await vote(api, RESIDENT, matterId, 'o2')
    await vote(api, RESIDENT_2, matterId, 'o2')
    await vote(api, RESIDENT_3, matterId, 'o1')
    await endVoting(api, matterId)
    const decision = matterDecisionResponse.parse((await close(api, matterId)).body)
    expect(decision.result.carried).toBe('o2')
    expect(decision.arithmetic).toBe('“黄瓜” 2 人，占投票 3 人的过半数（至少 2 人）→ 通过：黄瓜')
  })

  it('one vote per household: the household’s second representative is refused, the first may change', async () => {
    const spouse = await addToHousehold(api, RESIDENT_2, '张海涛爱人', 1987, ['villager', 'household_rep'])
    expect(spouse).toBeTruthy()
    const matterId = await putMatter(api, { electorate: 'households' })
    expect((await vote(api, RESIDENT_2, matterId, 'for')).status).toBe(200)
    const second = await vote(api, '张海涛爱人', matterId, 'against')
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({ error: { code: 'garden_matter_household_voted', message: '您家已经由张海涛投过票了，一户只算一票' } })
    expect((await vote(api, RESIDENT_2, matterId, 'against')).status).toBe(200)
    const rows = await api.db.select().from(gardenMatterBallots).where(eq(gardenMatterBallots.matterId, matterId))
    expect(rows).toEqual([expect.objectContaining({ countedKey: await householdIdOf(api, RESIDENT_2), choice: 'against' })])
  })

  it('a recount of hands replaces the first entry', async () => {
    const matterId = await putMatter(api, { electorate: 'council' })
    expect((await hands(api, matterId, [STEWARD, '白建军', '马德利'], { for: 3, against: 0, abstain: 0 })).status).toBe(200)
    expect((await hands(api, matterId, [STEWARD, '白建军'], { for: 1, against: 1, abstain: 0 })).status).toBe(200)
    const decision = matterDecisionResponse.parse((await close(api, matterId)).body)
    expect(decision.result.hallPresent).toBe(2)
    expect(decision.result.voted).toBe(2)
    expect(decision.passed).toBe(false)
    const [row] = await api.db.select().from(gardenMatters).where(eq(gardenMatters.id, matterId))
    expect(row?.status).toBe('decided')
  })
})
