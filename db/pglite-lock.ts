import path from 'node:path'
import lockfile from 'proper-lockfile'

/**
 * How long a lock lives without its owner touching it. The owner refreshes it every STALE_MS / 2;
 * a process killed with SIGKILL or by a power cut stops refreshing, so its lock goes stale and
 * the next start takes it over instead of being locked out for good.
 */
export const PGLITE_LOCK_STALE_MS = 10_000

export class PgliteDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `数据库目录 ${dataDir} 正被另一个乡约进程使用，本进程拒绝打开它。` +
        `The embedded database folder ${dataDir} is already open in another process ` +
        `(lock ${dataDir}.lock). Two processes on one PGlite folder silently lose each other's writes: ` +
        `stop the other server, or give this one its own PGLITE_DIR. ` +
        `If the other process has just crashed, its lock expires within ${PGLITE_LOCK_STALE_MS / 1000} s.`,
    )
    this.name = 'PgliteDirLockedError'
  }
}

/**
 * Takes the folder's exclusive lock before PGlite opens it: PGlite itself neither locks nor
 * notices a second process, which then overwrites the first one's pages. Returns the release.
 */
export async function lockPgliteDir(dataDir: string): Promise<() => Promise<void>> {
  const target = path.resolve(dataDir)
  try {
    return await lockfile.lock(target, {
      stale: PGLITE_LOCK_STALE_MS,
      realpath: false,
      // Someone took the lock from under us (we could not refresh it in time): another process may
      // be writing the same pages now. Carrying on would corrupt the database; stopping cannot.
      onCompromised: (error) => {
        console.error(`[db] lost the lock on ${target}: ${error.message}; stopping to protect the data`)
        process.exit(70)
      },
    })
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ELOCKED') throw new PgliteDirLockedError(target)
    throw error
  }
}
