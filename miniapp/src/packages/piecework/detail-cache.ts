import Taro from '@tarojs/taro'
import { workshopDetailResponse, type WorkshopDetail } from '@shared/piecework'
import { fetchWorkshopDetail } from '@/api/piecework'
import { toApiError } from '@/api/api-error'

function key(workshopId: string): string {
  return `xy.piecework.detail.${workshopId}`
}

/**
 * The workshop's households, orders and operations, kept on the phone so the collection screen
 * opens and works without a network. Fresh data replaces the copy whenever the network allows.
 */
export async function loadDetail(workshopId: string): Promise<{ detail: WorkshopDetail; stale: boolean }> {
  try {
    const detail = await fetchWorkshopDetail(workshopId)
    Taro.setStorageSync(key(workshopId), detail)
    return { detail, stale: false }
  } catch (error) {
    const apiError = toApiError(error)
    const cached = workshopDetailResponse.safeParse(Taro.getStorageSync(key(workshopId)))
    if ((apiError.code === 'network_error' || apiError.status === 0) && cached.success) return { detail: cached.data, stale: true }
    throw apiError
  }
}
