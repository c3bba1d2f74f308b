import { eq } from 'drizzle-orm'
import { gardenMatterAttendance, gardenMatterBallots } from '../../../../db/schema'
import { matterIdInput, matterRollResponse } from '../../../../shared/garden'
import { matterConveners } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { electorateRoll, loadMatter, matterYear, optionsOf } from '../../../queries/garden-matters'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/matters/roll',
  summary: '居民会议点名：有投票权的人（户、年龄），谁已在手机投票（不用再举手），已录入的举手人数',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  roles: matterConveners,
  query: matterIdInput,
  response: matterRollResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, query }) => {
    const matter = await loadMatter(db, query.villageId, query.matterId)
    const voters = await electorateRoll(db, matter)
    const voted = new Set(
      (await db.select({ key: gardenMatterBallots.countedKey }).from(gardenMatterBallots).where(eq(gardenMatterBallots.matterId, matter.id))).map(
        (row) => row.key,
      ),
    )
    const present = new Set(
      (await db.select({ key: gardenMatterAttendance.countedKey }).from(gardenMatterAttendance).where(eq(gardenMatterAttendance.matterId, matter.id))).map(
        (row) => row.key,
      ),
    )
    const year = matterYear(matter)
    const options = await optionsOf(db, matter.id)
    return {
      voters: voters.map((voter) => ({
        key: voter.key,
        name: voter.name,
        householdLabel: voter.householdLabel,
        age: voter.birthYear > 0 ? year - voter.birthYear : 0,
        votedInApp: voted.has(voter.key),
        present: present.has(voter.key),
      })),
      hands: matter.handsEnteredAt === null ? null : Object.fromEntries(options.map((option) => [option.key, option.hands ?? 0])),
    }
  },
})

export const GET = toWebHandler(route)
