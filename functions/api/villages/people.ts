import { and, eq, ilike, or, sql } from 'drizzle-orm'
import { households, memberships, people, villages } from '../../../db/schema'
import { AppError } from '../../../shared/errors'
import { comparePlaces, directoryCursor, directoryOffset, directoryQuery, directoryResponse, householdLabel, personLabels } from '../../../shared/people'
import { likePattern } from '../../../shared/piecework'
import { roles as allRoles, directoryReaders, type Role } from '../../../shared/roles'
import { todayInChina } from '../../../shared/time'
import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/villages/people',
  summary: '本村花名册：按姓名、户号查人和户（组、户、年龄、老年户、身份），分页',
  tags: ['village'],
  auth: 'user',
  // The village asked for must be the caller's own, and the caller a cadre there: a villager sees
  // the people they vote with on the roll, not everyone's birth year and household.
  tenancy: 'query',
  roles: directoryReaders,
  query: directoryQuery,
  response: directoryResponse,
  errors: ['forbidden', 'not_member_of_village', 'validation_failed'],
  handler: async ({ db, query }) => {
    const offset = directoryOffset(query.cursor)
    if (offset === null) throw new AppError('validation_failed', '翻页的位置不对，请从第一页重新加载', [{ path: 'cursor', message: '翻页的位置不对' }])
    const [village] = await db.select({ name: villages.name }).from(villages).where(eq(villages.id, query.villageId))
    const pattern = query.q === '' ? null : likePattern(query.q)
    // A village is hundreds to a few thousand people: the matches are read in one statement and put
    // in roll order here, where 二组 comes before 十组 and 9号 before 10号 (comparePlaces).
    const rows = await db
      .select({
        personId: people.id,
        name: people.name,
        birthYear: people.birthYear,
        householdId: households.id,
        household: households.label,
        group: households.group,
        houseNumber: households.houseNumber,
        elderly: households.elderly,
        headPersonId: households.headPersonId,
        memberCount: sql<number>`(select count(*)::int from people m where m.household_id = ${households.id})`.mapWith(Number),
        roles: sql<Role[]>`array_agg(${memberships.role})`,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .leftJoin(households, and(eq(households.id, people.householdId), eq(households.villageId, query.villageId)))
      .where(
        and(
          eq(memberships.villageId, query.villageId),
          query.group ? eq(households.group, query.group) : undefined,
          pattern ? or(ilike(people.name, pattern), ilike(households.label, pattern), ilike(households.houseNumber, pattern)) : undefined,
        ),
      )
      .groupBy(people.id, households.id)
    rows.sort(
      (a, b) =>
        comparePlaces(a, b) ||
        Number(b.headPersonId === b.personId) - Number(a.headPersonId === a.personId) ||
        a.birthYear - b.birthYear ||
        a.personId.localeCompare(b.personId),
    )
    // Labelled over every match, not page by page, so a person reads the same on every page.
    const labels = personLabels(rows.map((row) => ({ name: row.name, birthYear: row.birthYear, household: row.householdId ? row : null })))
    const groups = await db
      .selectDistinct({ group: households.group })
      .from(households)
      .where(and(eq(households.villageId, query.villageId), sql`${households.group} is not null`))
    const thisYear = Number(todayInChina().slice(0, 4))
    const page = rows.slice(offset, offset + query.limit)
    return {
      villageName: village?.name ?? '',
      groups: groups
        .flatMap((row) => (row.group === null ? [] : [row.group]))
        .sort((a, b) => comparePlaces({ group: a, houseNumber: null }, { group: b, houseNumber: null })),
      total: rows.length,
      people: page.map((row, index) => ({
        personId: row.personId,
        name: row.name,
        label: labels[offset + index] ?? row.name,
        birthYear: row.birthYear,
        age: thisYear - row.birthYear,
        household: row.householdId
          ? {
              householdId: row.householdId,
              label: householdLabel({ label: row.household ?? '', group: row.group, houseNumber: row.houseNumber }),
              group: row.group,
              houseNumber: row.houseNumber,
              elderly: row.elderly ?? false,
              isHead: row.headPersonId === row.personId,
              memberCount: row.memberCount,
            }
          : null,
        roles: [...new Set(row.roles)].sort((a, b) => allRoles.indexOf(a) - allRoles.indexOf(b)),
      })),
      nextCursor: offset + query.limit < rows.length ? directoryCursor(offset + query.limit) : null,
    }
  },
})

export const GET = toWebHandler(route)
