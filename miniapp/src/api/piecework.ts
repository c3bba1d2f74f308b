import Taro from '@tarojs/taro'
import {
  collectionListResponse,
  correctCollectionResponse,
  dashboardResponse,
  householdSearchResponse,
  idResponse,
  moveMaterialResponse,
  paySheetResponse,
  statementResponse,
  syncCollectionsResponse,
  ticketListResponse,
  ticketSchema,
  workshopDetailResponse,
} from '@shared/piecework'
import { apiBase, isWeapp } from '@/lib/env'
import { getToken } from '@/lib/session'
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error'
import { workshopListLight } from './light'
import { get, post, type BodyOf, type OutputOf, type QueryOf } from './contract'

export async function fetchWorkshops(): Promise<OutputOf<'/api/piecework/workshops/list'>['workshops']> {
  return (await get('/api/piecework/workshops/list', { schema: workshopListLight })).workshops
}

export function fetchWorkshopDetail(workshopId: string) {
  return get('/api/piecework/workshops/detail', { query: { workshopId }, schema: workshopDetailResponse })
}

export function fetchDashboard(workshopId: string) {
  return get('/api/piecework/dashboard', { query: { workshopId }, schema: dashboardResponse })
}

export function fetchStatement(workshopId: string, workerId?: string) {
  return get('/api/piecework/statement', { query: { workshopId, workerId }, schema: statementResponse })
}

export function fetchPaySheet(periodId: string) {
  return get('/api/piecework/pay-sheet', { query: { periodId }, schema: paySheetResponse })
}

/** One page of collections between two days; pass the last page's nextCursor for the next. */
export function fetchCollectionsPage(input: Omit<QueryOf<'/api/piecework/collections/list'>, 'cursor'> & { cursor?: string | null }) {
  // A first page (the last page's nextCursor is null) sends no cursor at all.
  const query = { ...input, cursor: input.cursor || undefined }
  return get('/api/piecework/collections/list', { query, schema: collectionListResponse })
}

export function searchHouseholds(workshopId: string, q: string) {
  return get('/api/piecework/households/search', { query: { workshopId, q }, schema: householdSearchResponse })
}

export function addWorker(input: BodyOf<'/api/piecework/workers/add'>) {
  return post('/api/piecework/workers/add', { body: input, schema: idResponse })
}

export function createOrder(input: BodyOf<'/api/piecework/orders/create'>) {
  return post('/api/piecework/orders/create', { body: input, schema: idResponse })
}

export function moveMaterial(input: BodyOf<'/api/piecework/materials/move'>) {
  return post('/api/piecework/materials/move', { body: input, schema: moveMaterialResponse })
}

export function correctCollection(input: BodyOf<'/api/piecework/collections/correct'>) {
  return post('/api/piecework/collections/correct', { body: input, schema: correctCollectionResponse })
}

export function fetchTickets(workshopId: string, status: QueryOf<'/api/piecework/tickets/list'>['status'] = 'all') {
  return get('/api/piecework/tickets/list', { query: { workshopId, status }, schema: ticketListResponse })
}

export function lookupTicket(workshopId: string, code: string) {
  return get('/api/piecework/tickets/lookup', { query: { workshopId, code }, schema: ticketSchema })
}

export function createPeriod(input: BodyOf<'/api/piecework/periods/create'>) {
  return post('/api/piecework/periods/create', { body: input, schema: idResponse })
}

export function createAdjustment(input: BodyOf<'/api/piecework/adjustments/create'>) {
  return post('/api/piecework/adjustments/create', { body: input, schema: idResponse })
}

export function closePeriod(periodId: string) {
  return post('/api/piecework/periods/close', { body: { periodId }, schema: paySheetResponse })
}

export async function syncCollections(workshopId: string, entries: BodyOf<'/api/piecework/collections/sync'>['entries']) {
  const body = await post('/api/piecework/collections/sync', { body: { workshopId, entries }, schema: syncCollectionsResponse })
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
