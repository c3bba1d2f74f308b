import { appendAudit } from '../../../../db/audit'
import { gardenShifts } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createdResponse, createShiftInput, oneOffStartRefusal, runsPastMidnight } from '../../../../shared/garden'
import { localParts, toEpochMinutes } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { nowMinutes } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/shifts/create',
  summary: '主理人加一个临时班（如采收日、突击浇水）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: createShiftInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'garden_shift_closed', 'validation_failed'],
  handler: async ({ db, session, body }) => {
    const start = toEpochMinutes(new Date(body.startsAt))
    // The limits the steward's form checks beside the field (shared oneOffStartRefusal).
    const refusal = oneOffStartRefusal(start, nowMinutes())
    if (refusal) throw new AppError(refusal.code, refusal.message, [{ path: 'startsAt', message: refusal.message }])
    if (runsPastMidnight(localParts(start).minuteOfDay, body.durationMinutes)) {
      throw new AppError('validation_failed', '值班不能跨过午夜', [{ path: 'durationMinutes', message: '这么长会过了午夜，请选短一点' }])
    }
    const startsAt = new Date(start * 60_000)
    const [shift] = await db
      .insert(gardenShifts)
      .values({
        villageId: body.villageId,
        title: body.title,
        kind: body.kind,
        startsAt,
        endsAt: new Date((start + body.durationMinutes) * 60_000),
        capacity: body.capacity,
        unpopular: body.unpopular,
      })
      .returning({ id: gardenShifts.id })
    if (!shift) throw new Error('shift insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.shift.created',
      subjectType: 'garden_shift',
      subjectId: shift.id,
      payload: { title: body.title, startsAt: startsAt.toISOString(), durationMinutes: body.durationMinutes, capacity: body.capacity },
    })
    return shift
  },
})

export const POST = toWebHandler(route)
