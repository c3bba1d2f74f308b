import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

const miniappProject = 'miniapp/vitest.config.ts'

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: on CI's 2 cores that is one file at a
    // time, while a test file often waits on its database or a child server. Every file has its own
    // database and port, so two at once is safe; the browser project stays on its single fork.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'shared',
          include: ['tests/shared/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts', 'tests/db/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/harness/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'proof',
          include: ['tests/proof/**/*.test.ts'],
          // Browser checks of the proof suites run with the other browser tests (H5 build, one Chromium).
          exclude: ['tests/proof/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/harness/global-setup.ts'],
          // Thousands of generated requests per file: minutes, not the API suite's seconds.
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      ...(existsSync(miniappProject) ? [miniappProject] : []),
      {
        test: {
          name: 'weapp',
          include: ['tests/weapp/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/weapp/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/proof/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One browser and one server at a time: two cores, and PGlite is one process per data dir.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
})
