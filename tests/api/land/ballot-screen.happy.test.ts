import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { households, people } from '../../../db/schema'
import { ballotResponse, rollCallRosterResponse } from '../../../shared/land'
import { setupApi } from '../../harness/api'
import { cast, createYear, gaojingAdults, gaojingHouseholds, nominateAndApprove, openMotion, openUrgentMeeting, THIS_YEAR } from './_scenario'

// What the screens need to show a villager what is voted on, and a cadre whom to help.
const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)
const awardYearId = await createYear(api, who.secretary)
const chosen = homes.slice(0, 3)
const nominations = await nominateAndApprove(
  api,
  who.secretary,
  awardYearId,
  chosen.map((home) => home.id),
)
const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
// Listed in an order other than the nominations', to prove the ballot keeps the motion's own order.
const order = [nominations[2] ?? '', nominations[0] ?? '', nominations[1] ?? '']
const motionId = await openMotion(api, who.secretary, meetingId, order)

describe('the ballot names what is voted on', () => {
  it('gives the motion, the meeting and each household with its head, age, size and deed, in the motion order', async () => {
    const ballot = ballotResponse.parse((await api.call('GET', '/api/land/votes/mine', { token: who.villager, query: { motionId } })).body)
    expect(ballot.motionTitle).toBe('同意以上3户为移风易俗先进典型')
    expect(ballot.motionKind).toBe('whole_list')
    expect(ballot.meetingTitle).toBe('移风易俗奖励耕地表决')
    expect(ballot.perHouseholdTenthMu).toBe(120)
    expect(ballot.candidates.map((candidate) => candidate.nominationId)).toEqual(order)
    for (const candidate of ballot.candidates) {
      // By nomination: namesake households share a name (包巴特尔户), never a label (二组15号 / 四组33号).
      const home = chosen[nominations.indexOf(candidate.nominationId)]
      if (!home) throw new Error(`unknown household ${candidate.householdLabel}`)
      expect(candidate.householdLabel).toBe(home.label)
      const [row] = await api.db.select({ headPersonId: households.headPersonId }).from(households).where(eq(households.id, home.id))
      const [head] = await api.db
        .select()
        .from(people)
        .where(eq(people.id, row?.headPersonId ?? ''))
      const members = await api.db.select({ id: people.id }).from(people).where(eq(people.householdId, home.id))
      expect(candidate).toMatchObject({
        headName: head?.name,
        headAge: THIS_YEAR - (head?.birthYear ?? 0),
        memberCount: members.length,
        deedKind: 'no_birthday_banquet',
      })
    }
  })
})

describe('the roll call tells people apart and says who still has no ballot', () => {
  it('gives each person an age, the 需要代办 mark the leader sets and clears, and the motions they voted on', async () => {
    const roster = async () =>
      rollCallRosterResponse.parse((await api.call('GET', '/api/land/meetings/roster', { token: who.secretary, query: { meetingId } })).body)
    const first = await roster()
    const villager = first.people.find((person) => person.personId === who.villagerId)
    expect(villager).toMatchObject({ present: true, marked: false, votedMotionIds: [] })
    expect(villager?.age).toBeGreaterThanOrEqual(18)

    expect((await api.call('POST', '/api/land/votes/cast', { token: who.villager, body: { motionId, choice: 'for' } })).status).toBe(200)
    expect(
      (
        await api.call('POST', '/api/land/assistance/mark', {
          token: who.secretary,
          body: { villageId: api.demo.gaojing, personId: who.villagerId, need: 'illiterate' },
        })
      ).status,
    ).toBe(200)
    const second = (await roster()).people.find((person) => person.personId === who.villagerId)
    expect(second).toMatchObject({ marked: true, needsHelp: true, votedMotionIds: [motionId] })

    expect(
      (
        await api.call('POST', '/api/land/assistance/mark', {
          token: who.secretary,
          body: { villageId: api.demo.gaojing, personId: who.villagerId, need: null },
        })
      ).status,
    ).toBe(200)
    expect((await roster()).people.find((person) => person.personId === who.villagerId)?.marked).toBe(false)
  })
})
