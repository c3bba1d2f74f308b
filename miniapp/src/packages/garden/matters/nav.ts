import Taro from '@tarojs/taro'

import { pages, pageUrl } from '@/lib/pages'

const matterPages = { list: pages.garden.matters, detail: pages.garden.matterDetail, new: pages.garden.matterNew } as const

export function openMatters(page: keyof typeof matterPages, villageId: string, extra: Record<string, string> = {}): void {
  void Taro.navigateTo({ url: pageUrl(matterPages[page], { villageId, ...extra }) })
}
