import { afterAll, describe, expect, it } from 'vitest'
import { setupApi } from '../../harness/api'
import { formatReport, FUZZ_GET_RUNS, FUZZ_RUNS, fuzzContext, fuzzGet, fuzzPost, type RouteReport } from './fuzz-runner'
import { featureOf, loadOperations, type Feature } from './operations'

/**
 * Property-based fuzzing of every route of `feature` in the generated OpenAPI document
 * (hostile input): FUZZ_RUNS bodies per POST route (default 1000), FUZZ_GET_RUNS query strings
 * per GET route (default 200). 0 answers with status 500, every error in the catalogued envelope,
 * 0 database changes for rejected requests. One file per feature so the files run in parallel;
 * `other` takes every route outside the three features, so a new route is always fuzzed.
 */
export async function defineFuzzSuite(feature: Feature): Promise<void> {
  // The WeChat login must fail closed without calling out: no AppID configured here.
  delete process.env.WECHAT_APPID
  delete process.env.WECHAT_SECRET
  const api = await setupApi({ DEMO_LOGIN: '1' })
  const operations = (await loadOperations(api)).filter((op) => featureOf(op) === feature)
  const posts = operations.filter((op) => op.method === 'POST')
  const gets = operations.filter((op) => op.method === 'GET' && op.query.length > 0)
  const ctx = await fuzzContext(api)
  const reports: RouteReport[] = []

  afterAll(() => {
    const total = reports.reduce((sum, r) => sum + r.sent, 0)
    console.log(
      `\n[fuzz ${feature}] ${posts.length} POST routes × ${FUZZ_RUNS} bodies, ${gets.length} GET routes × ${FUZZ_GET_RUNS} query strings: ` +
        `${total} requests, ${reports.reduce((s, r) => s + r.violations.length, 0)} violations\n${reports.map(formatReport).join('\n')}\n`,
    )
  })

  describe(`fuzzing every ${feature} write route from the OpenAPI document`, () => {
    it('finds write routes in the document', () => {
      expect(posts.length).toBeGreaterThan(0)
    })
    it.each(posts.map((op) => [op.path, op] as const))('POST %s', async (_path, op) => {
      const report = await fuzzPost(ctx, op)
      reports.push(report)
      expect(report.sent).toBe(FUZZ_RUNS)
      expect(report.violations.slice(0, 5)).toEqual([])
    })
  })

  describe(`fuzzing every ${feature} read route’s query string`, () => {
    it.each(gets.map((op) => [op.path, op] as const))('GET %s', async (_path, op) => {
      const report = await fuzzGet(ctx, op)
      reports.push(report)
      expect(report.violations.slice(0, 5)).toEqual([])
    })
  })
}
