import { AsyncLocalStorage } from 'node:async_hooks'
import { waitUntil } from '@vercel/functions'

export type AfterCommitTask = () => Promise<void>
type Task = AfterCommitTask

/** Work a request asks for once its transaction has committed (a WeChat message about the change). */
const requestTasks = new AsyncLocalStorage<Task[]>()
const running = new Set<Promise<void>>()

/**
 * Runs `task` after the current request commits, without holding up its answer. Outside a request
 * (a script, the scheduler) there is nothing to wait for: the caller does the work itself.
 */
export function afterCommit(task: Task): void {
  requestTasks.getStore()?.push(task)
}

/** Runs `work` with `tasks` collecting what it asks for after commit. */
export function withAfterCommit<T>(tasks: Task[], work: () => T): T {
  return requestTasks.run(tasks, work)
}

/** Starts the tasks of a committed request; on Vercel the instance stays up until they end. */
export function runAfterCommit(tasks: readonly Task[]): void {
  for (const task of tasks) {
    const done = task()
      .catch((error: unknown) => console.error('[after-commit] failed:', error instanceof Error ? error.message : error))
      .finally(() => running.delete(done))
    running.add(done)
    waitUntil(done)
  }
}

/** Waits for every started task (tests, shutdown). */
export async function settleAfterCommit(): Promise<void> {
  while (running.size > 0) await Promise.all([...running])
}
