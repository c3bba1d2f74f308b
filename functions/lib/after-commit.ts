import { waitUntil } from '@vercel/functions'

export type AfterCommitTask = () => Promise<void>
type Task = AfterCommitTask

/**
 * Work a request asks for once its transaction has committed (a WeChat message about the change),
 * by the request's transaction: carried by that object rather than an AsyncLocalStorage, whose
 * promise hooks would cost every promise of the process.
 */
const requestTasks = new WeakMap<object, Task[]>()
const running = new Set<Promise<void>>()

/**
 * Runs `task` after the request whose transaction is `scope` commits, without holding up its
 * answer. Outside a request (a script, the scheduler) there is nothing to wait for: the caller
 * does the work itself.
 */
export function afterCommit(scope: object, task: Task): void {
  requestTasks.get(scope)?.push(task)
}

/** From now on, what `scope` (a request's transaction) asks for after commit is collected in `tasks`. */
export function collectAfterCommit(scope: object, tasks: Task[]): void {
  requestTasks.set(scope, tasks)
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
