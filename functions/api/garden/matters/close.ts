import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenDuties, gardenMatterLinks, gardenMatters } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { closeRefusal, matterDecisionResponse, matterIdInput, resultArithmetic, votingPhase } from '../../../../shared/garden'
import { matterConveners } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { countMatter, linksOf, loadMatter } from '../../../queries/garden-matters'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/matters/close',
  summary: '结束投票并向全院公布结果和算式；通过的决定记入菜园的决定记录，它暂停的值班链接到这个决定',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: matterConveners,
  body: matterIdInput,
  response: matterDecisionResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_matter_decided', 'garden_matter_still_voting'],
  handler: async ({ db, session, body }) => {
    // The exclusive lock waits for every ballot in flight (they hold a share lock) and keeps later
    // ones out: each is either in the count below or refused as decided.
    const matter = await loadMatter(db, body.villageId, body.matterId, 'update')
    const refusal = closeRefusal(votingPhase(matter, new Date()), matter.handsEnteredAt !== null)
    if (refusal === 'decided') throw new AppError('garden_matter_decided')
    if (refusal === 'still_voting') throw new AppError('garden_matter_still_voting')
    const result = await countMatter(db, matter)
    const arithmetic = resultArithmetic(matter.kind, result)
    if (result.passed && matter.pausesDutyId) {
      const [duty] = await db
        .update(gardenDuties)
        .set({ active: false, updatedAt: new Date() })
        .where(and(eq(gardenDuties.id, matter.pausesDutyId), eq(gardenDuties.villageId, matter.villageId)))
        .returning({ id: gardenDuties.id, title: gardenDuties.title })
      if (duty) {
        await db
          .insert(gardenMatterLinks)
          .values({ matterId: matter.id, subjectType: 'garden_duty', subjectId: duty.id, note: `按居民议事会决定《${matter.title}》暂停` })
        await appendAudit(db, {
          villageId: matter.villageId,
          actorPersonId: session.personId,
          action: 'garden.duty.paused',
          subjectType: 'garden_duty',
          subjectId: duty.id,
          payload: { byMatterId: matter.id, before: { active: true }, after: { active: false } },
        })
      }
    }
    await db
      .update(gardenMatters)
      .set({ status: 'decided', result, passed: result.passed, decidedAt: new Date(), decidedBy: session.personId })
      .where(eq(gardenMatters.id, matter.id))
    await appendAudit(db, {
      villageId: matter.villageId,
      actorPersonId: session.personId,
      action: 'garden.matter.decided',
      subjectType: 'garden_matter',
      subjectId: matter.id,
      payload: { passed: result.passed, carried: result.carried, arithmetic, eligible: result.eligible, voted: result.voted, options: result.options },
    })
    return { matterId: matter.id, passed: result.passed, arithmetic, result, changed: await linksOf(db, matter.id) }
  },
})

export const POST = toWebHandler(route)
