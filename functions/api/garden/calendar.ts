import { asc, eq } from 'drizzle-orm'
import { gardenTaskTemplates } from '../../../db/schema'
import { calendarResponse, gardenVillageQuery, seasonLabels, seasonMonths, seasonOf, seasons } from '../../../shared/garden'
import { localDateKey } from '../../../shared/time'

import { defineRoute, toWebHandler } from '../../lib/route'
import { nowMinutes } from '../../queries/garden'
import { bedNamer, currentPlantings } from '../../queries/garden-corrections'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/calendar',
  summary: '四季农事日历：春播、夏长、秋收、冬藏，以及本季种了什么',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: calendarResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const now = nowMinutes()
    const current = seasonOf(now)
    const templates = await db
      .select()
      .from(gardenTaskTemplates)
      .where(eq(gardenTaskTemplates.villageId, query.villageId))
      .orderBy(asc(gardenTaskTemplates.createdAt), asc(gardenTaskTemplates.id))
    // As corrected: the bed's name and the planting's crop and dates as they stand now.
    const bedName = await bedNamer(db, query.villageId)
    const plantings = (await currentPlantings(db, query.villageId, { bedName }))
      .map((p) => ({ bedName: bedName(p.bedId), crop: p.crop, sownOn: p.sownOn, expectedHarvestOn: p.expectedHarvestOn }))
      .sort((a, b) => a.sownOn.localeCompare(b.sownOn) || a.bedName.localeCompare(b.bedName, 'zh-CN'))
    return {
      today: localDateKey(now),
      current: { key: current.key, season: current.season, label: current.label, startsOn: current.startsOn, endsBefore: current.endsBefore },
      seasons: seasons.map((season) => ({
        season,
        label: seasonLabels[season],
        months: [...seasonMonths[season]],
        tasks: templates.filter((t) => t.season === season).map((t) => ({ id: t.id, season: t.season, kind: t.kind, title: t.title, note: t.note })),
      })),
      plantings,
    }
  },
})

export const GET = toWebHandler(route)
