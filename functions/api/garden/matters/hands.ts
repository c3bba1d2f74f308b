import { and, eq, inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenMatterAttendance, gardenMatterBallots, gardenMatterOptions, gardenMatters } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { enterMatterHandsInput, matterHandsResponse, votingPhase } from '../../../../shared/garden'
import { maxHands } from '../../../../shared/votes'
import { matterConveners } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { electorateRoll, loadMatter, optionsOf } from '../../../queries/garden-matters'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/matters/hands',
  summary: '居民会议上举手表决：主理人录入到会的人和每个选项的举手人数（不得超过 到会−已在手机投票）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: matterConveners,
  body: enterMatterHandsInput,
  response: matterHandsResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'garden_matter_not_open',
    'garden_matter_decided',
    'garden_matter_choice_invalid',
    'garden_matter_present_invalid',
    'vote_hands_exceed_present',
  ],
  handler: async ({ db, session, body }) => {
    // Exclusive: ballots in flight finish first, and none slips in between the count and the check.
    const matter = await loadMatter(db, body.villageId, body.matterId, 'update')
    const phase = votingPhase(matter, new Date())
    if (phase === 'decided') throw new AppError('garden_matter_decided')
    if (phase === 'not_yet') throw new AppError('garden_matter_not_open')
    const options = await optionsOf(db, matter.id)
    const given = Object.keys(body.hands)
    if (given.length !== options.length || options.some((option) => body.hands[option.key] === undefined))
      throw new AppError('garden_matter_choice_invalid', '每个选项都要填举手人数（没有人举手填0）')
    const present = [...new Set(body.presentKeys)]
    if (present.length !== body.presentKeys.length) throw new AppError('garden_matter_present_invalid', '到会名单里有人重复了')
    const roll = new Set((await electorateRoll(db, matter)).map((voter) => voter.key))
    if (present.some((key) => !roll.has(key))) throw new AppError('garden_matter_present_invalid')
    const votedInApp =
      present.length === 0
        ? 0
        : (
            await db
              .select({ key: gardenMatterBallots.countedKey })
              .from(gardenMatterBallots)
              .where(and(eq(gardenMatterBallots.matterId, matter.id), inArray(gardenMatterBallots.countedKey, present)))
          ).length
    const max = maxHands(present.length, votedInApp)
    const entered = options.reduce((sum, option) => sum + (body.hands[option.key] ?? 0), 0)
    if (entered > max) {
      throw new AppError('vote_hands_exceed_present', `举手共${entered}人，超过了最多${max}人（到会${present.length}人，其中已在手机投票${votedInApp}人）`)
    }
    // A second entry (a recount) replaces the first, roll and hands together.
    await db.delete(gardenMatterAttendance).where(eq(gardenMatterAttendance.matterId, matter.id))
    if (present.length > 0)
      await db.insert(gardenMatterAttendance).values(present.map((countedKey) => ({ matterId: matter.id, countedKey, recordedBy: session.personId })))
    for (const option of options) {
      await db
        .update(gardenMatterOptions)
        .set({ hands: body.hands[option.key] ?? 0 })
        .where(and(eq(gardenMatterOptions.matterId, matter.id), eq(gardenMatterOptions.key, option.key)))
    }
    await db.update(gardenMatters).set({ handsEnteredAt: new Date(), handsEnteredBy: session.personId }).where(eq(gardenMatters.id, matter.id))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.matter.hands_entered',
      subjectType: 'garden_matter',
      subjectId: matter.id,
      payload: { present: present.length, votedInApp, maxHands: max, hands: body.hands, recount: matter.handsEnteredAt !== null },
    })
    return { matterId: matter.id, hallPresent: present.length, maxHands: max, handsTotal: entered }
  },
})

export const POST = toWebHandler(route)
