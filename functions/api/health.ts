import { healthResponse } from '../../shared/auth'
import { migrationStatus } from '../../db/migrate'
import { getDbHandle } from '../lib/db'
import { defineRoute, toWebHandler } from '../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/health',
  summary: '服务健康检查：数据库驱动与迁移版本',
  tags: ['system'],
  auth: 'none',
  tenancy: 'public',
  response: healthResponse,
  handler: async () => {
    const handle = await getDbHandle()
    const status = await migrationStatus(handle)
    return {
      ok: true as const,
      driver: handle.driver,
      migration: status.latestApplied,
      migrationsApplied: status.applied,
      time: new Date().toISOString(),
    }
  },
})

export const GET = toWebHandler(route)
