import { auditVerifyResponse, villageOverviewResponse, type AuditVerify, type VillageOverview } from '@shared/auth'
import { directoryResponse, type Directory } from '@shared/people'
import { request } from './request'

export function fetchVillageOverview(villageId: string): Promise<VillageOverview> {
  return request({ path: '/api/villages/overview', query: { villageId }, schema: villageOverviewResponse })
}

export function verifyAuditChain(villageId: string): Promise<AuditVerify> {
  return request({ path: '/api/audit/verify', query: { villageId }, schema: auditVerifyResponse })
}

export function fetchDirectory(query: { villageId: string; q?: string; group?: string; cursor?: string }): Promise<Directory> {
  const params: Record<string, string> = { villageId: query.villageId }
  if (query.q) params.q = query.q
  if (query.group) params.group = query.group
  if (query.cursor) params.cursor = query.cursor
  return request({ path: '/api/villages/people', query: params, schema: directoryResponse })
}
