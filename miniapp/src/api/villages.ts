import { auditVerifyResponse, villageOverviewResponse } from '@shared/auth'
import { directoryResponse } from '@shared/people'
import { get, type QueryOf } from './contract'

export function fetchVillageOverview(villageId: string) {
  return get('/api/villages/overview', { query: { villageId }, schema: villageOverviewResponse })
}

export function verifyAuditChain(villageId: string) {
  return get('/api/audit/verify', { query: { villageId }, schema: auditVerifyResponse })
}

export function fetchDirectory(query: QueryOf<'/api/villages/people'>) {
  // An empty search, group or cursor is left out of the URL rather than sent as "".
  const { q, group, cursor } = query
  return get('/api/villages/people', {
    query: { ...query, q: q || undefined, group: group || undefined, cursor: cursor || undefined },
    schema: directoryResponse,
  })
}
