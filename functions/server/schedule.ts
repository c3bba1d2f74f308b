import { scheduleMatches } from '../../shared/garden'

/**
 * Runs `job` at every minute one of the daily cron `schedules` (UTC, the same strings vercel.json
 * gives Vercel Cron) names, for `npm start`. A run still going when the next is due is not doubled
 * here; a second server doing the same is harmless, because the job claims each reminder once.
 */
export function startSchedule(schedules: readonly string[], job: () => Promise<void>, now: () => Date = () => new Date()): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let stopped = false
  const tick = () => {
    if (stopped) return
    const at = now()
    if (!running && schedules.some((schedule) => scheduleMatches(schedule, at))) {
      running = true
      job()
        .catch((error: unknown) => console.error('[schedule] run failed:', error instanceof Error ? error.message : error))
        .finally(() => {
          running = false
        })
    }
    // Next check just after the next minute starts, so drift never skips a minute.
    timer = setTimeout(tick, 60_000 - (at.getTime() % 60_000) + 50)
    timer.unref()
  }
  timer = setTimeout(tick, 60_000 - (now().getTime() % 60_000) + 50)
  timer.unref()
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}
