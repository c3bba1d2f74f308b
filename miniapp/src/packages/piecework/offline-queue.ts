import Taro from '@tarojs/taro'
import { collectionEntryInput, type CollectionEntryInput } from '@shared/piecework'
import { syncCollections } from '@/api/piecework'
import { toApiError } from '@/api/api-error'

/**
 * The head's collection entries, kept on the phone until the server has them. Every entry is
 * written to storage BEFORE any network call, carries a client-generated id (so a replay never
 * counts twice), and leaves the queue only when the server answers ok or duplicate. Entries the
 * server refuses are no longer waiting: they are marked 需要处理 with the server's Chinese reason
 * and stay until the head fixes them (back into the form) or deletes them.
 */
export interface QueuedEntry {
  entry: CollectionEntryInput & { clientId: string }
  /** Shown in the list: household name and counts as typed. */
  label: string
  queuedAt: string
  status: 'pending' | 'error'
  code?: string
  message?: string
}

const BATCH = 50

function key(workshopId: string): string {
  return `xy.piecework.queue.${workshopId}`
}

export function loadQueue(workshopId: string): QueuedEntry[] {
  const raw: unknown = Taro.getStorageSync(key(workshopId))
  if (!Array.isArray(raw)) return []
  return raw.filter((item): item is QueuedEntry => typeof item === 'object' && item !== null && 'entry' in item && 'status' in item)
}

function saveQueue(workshopId: string, queue: QueuedEntry[]): void {
  Taro.setStorageSync(key(workshopId), queue)
}

/** RFC 4122 v4 from the best randomness the runtime offers (WeChat has no crypto.randomUUID). */
export function newClientId(): string {
  const bytes = new Uint8Array(16)
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes)
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Validates with the same schema the server uses, then stores. Returns the reason if invalid. */
export function enqueue(workshopId: string, entry: CollectionEntryInput & { clientId: string }, label: string): string | null {
  const parsed = collectionEntryInput.safeParse(entry)
  if (!parsed.success) return parsed.error.issues[0]?.message ?? '填写的内容有误'
  const queue = loadQueue(workshopId)
  queue.push({ entry, label, queuedAt: new Date().toISOString(), status: 'pending' })
  saveQueue(workshopId, queue)
  return null
}

export function removeEntry(workshopId: string, clientId: string): void {
  saveQueue(
    workshopId,
    loadQueue(workshopId).filter((q) => q.entry.clientId !== clientId),
  )
}

let syncing = false

/**
 * Sends pending entries in batches. Network failure: everything stays pending for the next try.
 * Returns how many entries the server now has (ok or duplicate).
 */
export async function syncQueue(workshopId: string): Promise<{ synced: number; failed: number; offline: boolean; ticketCodes: string[] }> {
  if (syncing) return { synced: 0, failed: 0, offline: false, ticketCodes: [] }
  syncing = true
  let synced = 0
  let failed = 0
  // Bundle tickets the server now holds as collected: a second scan of one is refused on the phone too.
  const ticketCodes: string[] = []
  try {
    for (;;) {
      const pending = loadQueue(workshopId)
        .filter((q) => q.status === 'pending')
        .slice(0, BATCH)
      if (pending.length === 0) break
      let results
      try {
        results = await syncCollections(
          workshopId,
          pending.map((q) => ({ ...q.entry })),
        )
      } catch (error) {
        const apiError = toApiError(error)
        return { synced, failed, offline: apiError.code === 'network_error' || apiError.status >= 500 || apiError.status === 0, ticketCodes }
      }
      // Re-read: entries typed while the request was in flight must not be lost.
      const byId = new Map(results.map((r) => [r.clientId, r]))
      const next: QueuedEntry[] = []
      for (const item of loadQueue(workshopId)) {
        const result = byId.get(item.entry.clientId)
        if (!result || item.status !== 'pending') next.push(item)
        else if (result.outcome === 'ok' || result.outcome === 'duplicate') {
          synced += 1
          if (item.entry.ticketCode) ticketCodes.push(item.entry.ticketCode)
        } else {
          failed += 1
          next.push({ ...item, status: 'error', code: result.code, message: result.message ?? '登记失败' })
        }
      }
      saveQueue(workshopId, next)
    }
    return { synced, failed, offline: false, ticketCodes }
  } finally {
    syncing = false
  }
}

/** Calls `onOnline` when the phone gets its network back (WeChat and browser). */
export function watchNetwork(onOnline: () => void): () => void {
  const listener = (result: { isConnected: boolean }) => {
    if (result.isConnected) onOnline()
  }
  Taro.onNetworkStatusChange(listener)
  const browserOnline = () => onOnline()
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function'
  if (hasWindow) window.addEventListener('online', browserOnline)
  return () => {
    Taro.offNetworkStatusChange?.(listener)
    if (hasWindow) window.removeEventListener('online', browserOnline)
  }
}
