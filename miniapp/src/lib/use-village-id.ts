import { useRouter } from '@tarojs/taro'
import { uuidLight } from '@/api/light'

/** The `villageId` query parameter of the current page, or null when missing or malformed. */
export function useVillageId(): string | null {
  const { params } = useRouter()
  const parsed = uuidLight.safeParse(params.villageId)
  return parsed.success ? parsed.data : null
}
