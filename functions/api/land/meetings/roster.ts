import { and, eq, inArray, lte } from 'drizzle-orm'
import { households, landAssistanceNeeds, landAttendance, landMotions, landVotes, memberships, people } from '../../../../db/schema'
import { meetingIdInput, rollCallRosterResponse } from '../../../../shared/land'
import { comparePlaces, householdLabel, personLabels } from '../../../../shared/people'
import { needsAssistance } from '../../../../shared/votes'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, meetingYear } from '../../../queries/land'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/meetings/roster',
  summary: '点名册：本次会议有表决权的人和是否已到会',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  query: meetingIdInput,
  response: rollCallRosterResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const meeting = await loadMeeting(db, query.meetingId)
    authorize(meeting.villageId)
    const role = meeting.type === 'assembly_households' ? 'household_rep' : meeting.type === 'representatives' ? 'villager_rep' : null
    const base = and(eq(households.villageId, meeting.villageId), lte(people.birthYear, meetingYear(meeting) - 18))
    const rows = role
      ? await db
          .selectDistinct({
            personId: people.id,
            name: people.name,
            household: households.label,
            group: households.group,
            houseNumber: households.houseNumber,
            birthYear: people.birthYear,
            elderly: households.elderly,
          })
          .from(people)
          .innerJoin(households, eq(households.id, people.householdId))
          .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.villageId, meeting.villageId)))
          .where(and(base, eq(memberships.role, role)))
      : await db
          .select({
            personId: people.id,
            name: people.name,
            household: households.label,
            group: households.group,
            houseNumber: households.houseNumber,
            birthYear: people.birthYear,
            elderly: households.elderly,
          })
          .from(people)
          .innerJoin(households, eq(households.id, people.householdId))
          .where(base)
    // The roll is read 组 by 组, 户 by 户, as the village keeps it.
    rows.sort(
      (a, b) => comparePlaces(a, b) || a.household.localeCompare(b.household, 'zh-CN') || a.birthYear - b.birthYear || a.personId.localeCompare(b.personId),
    )
    const labels = personLabels(rows.map((row) => ({ name: row.name, birthYear: row.birthYear, household: row })))
    const ids = rows.map((row) => row.personId)
    const present =
      ids.length === 0
        ? []
        : await db
            .select({ personId: landAttendance.personId })
            .from(landAttendance)
            .where(and(eq(landAttendance.meetingId, meeting.id), inArray(landAttendance.personId, ids)))
    const marks =
      ids.length === 0
        ? []
        : await db
            .select({ personId: landAssistanceNeeds.personId })
            .from(landAssistanceNeeds)
            .where(and(eq(landAssistanceNeeds.villageId, meeting.villageId), inArray(landAssistanceNeeds.personId, ids)))
    // Who already has a ballot on which motion: the cadre offers 代为投票 only to those without one.
    const ballots =
      ids.length === 0
        ? []
        : await db
            .select({ personId: landVotes.personId, motionId: landVotes.motionId })
            .from(landVotes)
            .innerJoin(landMotions, eq(landMotions.id, landVotes.motionId))
            .where(and(eq(landMotions.meetingId, meeting.id), inArray(landVotes.personId, ids)))
    const here = new Set(present.map((row) => row.personId))
    const marked = new Set(marks.map((row) => row.personId))
    return {
      meetingId: meeting.id,
      people: rows.map(({ birthYear, elderly, household, group, houseNumber, ...row }, index) => ({
        ...row,
        householdLabel: householdLabel({ label: household, group, houseNumber }),
        label: labels[index] ?? row.name,
        group,
        age: meetingYear(meeting) - birthYear,
        present: here.has(row.personId),
        marked: marked.has(row.personId),
        votedMotionIds: ballots.filter((ballot) => ballot.personId === row.personId).map((ballot) => ballot.motionId),
        needsHelp: needsAssistance({ marked: marked.has(row.personId), householdElderly: elderly, birthYear }, meetingYear(meeting)),
      })),
    }
  },
})

export const GET = toWebHandler(route)
