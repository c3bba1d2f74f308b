import { auditVerifyResponse, villageOverviewResponse, type AuditVerify, type VillageOverview } from '@shared/auth'
import { request } from './request'

export function fetchVillageOverview(villageId: string): Promise<VillageOverview> {
  return request({ path: '/api/villages/overview', query: { villageId }, schema: villageOverviewResponse })
}

export function verifyAuditChain(villageId: string): Promise<AuditVerify> {
  return request({ path: '/api/audit/verify', query: { villageId }, schema: auditVerifyResponse })
}
