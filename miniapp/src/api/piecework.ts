import Taro from '@tarojs/taro'
import { type z } from '@shared/zod'
import {
  type addWorkerInput,
  collectionListResponse,
  type correctCollectionInput,
  correctCollectionResponse,
  type createAdjustmentInput,
  type createOrderInput,
  type createPeriodInput,
  dashboardResponse,
  householdSearchResponse,
  idResponse,
  type issueMaterialInput,
  moveMaterialResponse,
  paySheetResponse,
  statementResponse,
  syncCollectionsResponse,
  ticketListResponse,
  ticketSchema,
  workshopDetailResponse,
  type CollectionPage,
  type Dashboard,
  type HouseholdSearchResult,
  type PaySheet,
  type Statement,
  type SyncResult,
  type Ticket,
  type TicketList,
  type WorkshopDetail,
  type WorkshopSummary,
} from '@shared/piecework'
import { apiBase, isWeapp } from '@/lib/env'
import { getToken } from '@/lib/session'
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error'
import { workshopListLight } from './light'
import { request } from './request'

export async function fetchWorkshops(): Promise<WorkshopSummary[]> {
  return (await request({ path: '/api/piecework/workshops/list', schema: workshopListLight })).workshops
}

export function fetchWorkshopDetail(workshopId: string): Promise<WorkshopDetail> {
  return request({ path: '/api/piecework/workshops/detail', query: { workshopId }, schema: workshopDetailResponse })
}

export function fetchDashboard(workshopId: string): Promise<Dashboard> {
  return request({ path: '/api/piecework/dashboard', query: { workshopId }, schema: dashboardResponse })
}

export function fetchStatement(workshopId: string, workerId?: string): Promise<Statement> {
  return request({ path: '/api/piecework/statement', query: { workshopId, workerId }, schema: statementResponse })
}

export function fetchPaySheet(periodId: string): Promise<PaySheet> {
  return request({ path: '/api/piecework/pay-sheet', query: { periodId }, schema: paySheetResponse })
}

/** One page of collections between two days; pass the last page's nextCursor for the next. */
export function fetchCollectionsPage(input: { workshopId: string; from: string; to: string; cursor?: string | null; limit?: number }): Promise<CollectionPage> {
  const query: Record<string, string> = { workshopId: input.workshopId, from: input.from, to: input.to }
  if (input.cursor) query.cursor = input.cursor
  if (input.limit !== undefined) query.limit = String(input.limit)
  return request({ path: '/api/piecework/collections/list', query, schema: collectionListResponse })
}

export async function searchHouseholds(workshopId: string, q: string): Promise<{ households: HouseholdSearchResult[]; more: boolean }> {
  return request({ path: '/api/piecework/households/search', query: { workshopId, q }, schema: householdSearchResponse })
}

export function addWorker(input: z.input<typeof addWorkerInput>): Promise<{ id: string }> {
  return request({ path: '/api/piecework/workers/add', method: 'POST', body: input, schema: idResponse })
}

export function createOrder(input: z.input<typeof createOrderInput>): Promise<{ id: string }> {
  return request({ path: '/api/piecework/orders/create', method: 'POST', body: input, schema: idResponse })
}

export function moveMaterial(input: z.input<typeof issueMaterialInput>): Promise<z.output<typeof moveMaterialResponse>> {
  return request({ path: '/api/piecework/materials/move', method: 'POST', body: input, schema: moveMaterialResponse })
}

export function correctCollection(input: z.input<typeof correctCollectionInput>): Promise<z.output<typeof correctCollectionResponse>> {
  return request({ path: '/api/piecework/collections/correct', method: 'POST', body: input, schema: correctCollectionResponse })
}

export function fetchTickets(workshopId: string, status: 'open' | 'collected' | 'all' = 'all'): Promise<TicketList> {
  return request({ path: '/api/piecework/tickets/list', query: { workshopId, status }, schema: ticketListResponse })
}

export function lookupTicket(workshopId: string, code: string): Promise<Ticket> {
  return request({ path: '/api/piecework/tickets/lookup', query: { workshopId, code }, schema: ticketSchema })
}

export function createPeriod(input: z.input<typeof createPeriodInput>): Promise<{ id: string }> {
  return request({ path: '/api/piecework/periods/create', method: 'POST', body: input, schema: idResponse })
}

export function createAdjustment(input: z.input<typeof createAdjustmentInput>): Promise<{ id: string }> {
  return request({ path: '/api/piecework/adjustments/create', method: 'POST', body: input, schema: idResponse })
}

export function closePeriod(periodId: string): Promise<PaySheet> {
  return request({ path: '/api/piecework/periods/close', method: 'POST', body: { periodId }, schema: paySheetResponse })
}

export async function syncCollections(workshopId: string, entries: Record<string, unknown>[]): Promise<SyncResult[]> {
  const body = await request({ path: '/api/piecework/collections/sync', method: 'POST', body: { workshopId, entries }, schema: syncCollectionsResponse })
  return body.results
}

/** Downloads the period's xlsx pay sheet and opens it (WeChat) or saves it (browser). */
export async function downloadPaySheet(periodId: string, filename: string): Promise<void> {
  const token = getToken()
  let result: Taro.downloadFile.FileSuccessCallbackResult
  try {
    result = await Taro.downloadFile({
      url: `${apiBase}/api/piecework/pay-sheet/xlsx?periodId=${encodeURIComponent(periodId)}`,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    })
  } catch {
    throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
  }
  if (result.statusCode !== 200) throw new ApiError('forbidden', '下载失败，请确认您有权查看工资单', result.statusCode)
  if (isWeapp) {
    await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true })
    return
  }
  const link = document.createElement('a')
  link.href = result.tempFilePath
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
}
