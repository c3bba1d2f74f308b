import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenDuties } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { dutyEditRefusal, dutyResponse, updateDutyInput } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { describeDuty } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/duties/update',
  summary: '主理人修改、暂停或恢复一项固定值班，或限定它在哪些季节、哪段日子排班（已排出的班不变）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: updateDutyInput,
  response: dutyResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_duty_time_invalid', 'garden_duty_range_invalid'],
  handler: async ({ db, session, body }) => {
    const [current] = await db
      .select()
      .from(gardenDuties)
      .where(and(eq(gardenDuties.id, body.dutyId), eq(gardenDuties.villageId, body.villageId)))
      .for('update')
    if (!current) throw new AppError('not_found', '找不到这项值班')
    const next = {
      title: body.title ?? current.title,
      weekdays: body.weekdays ? [...body.weekdays].sort((a, b) => a - b) : current.weekdays,
      startMinute: body.startMinute ?? current.startMinute,
      durationMinutes: body.durationMinutes ?? current.durationMinutes,
      capacity: body.capacity ?? current.capacity,
      unpopular: body.unpopular ?? current.unpopular,
      active: body.paused === undefined ? current.active : !body.paused,
      seasons: body.seasons ?? current.seasons,
      activeFrom: body.activeFrom === undefined ? current.activeFrom : body.activeFrom,
      activeUntil: body.activeUntil === undefined ? current.activeUntil : body.activeUntil,
    }
    const refusal = dutyEditRefusal(next)
    if (refusal) throw new AppError(refusal)
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]))
    // Sending what is already there changes nothing and logs nothing.
    if (changed.length === 0) return { duty: describeDuty(current) }
    const [updated] = await db
      .update(gardenDuties)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(gardenDuties.id, current.id))
      .returning()
    if (!updated) throw new AppError('conflict')
    const pick = (row: typeof next) => Object.fromEntries(changed.map((k) => [k, row[k]]))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: changed.length === 1 && changed[0] === 'active' ? (next.active ? 'garden.duty.resumed' : 'garden.duty.paused') : 'garden.duty.updated',
      subjectType: 'garden_duty',
      subjectId: current.id,
      payload: { before: pick(current), after: pick(next) },
    })
    return { duty: describeDuty(updated) }
  },
})

export const POST = toWebHandler(route)
