import { buildMiniappIfStale } from '../harness/build-miniapp'
import { chromiumPath } from './chromium'

/** Builds the H5 app once per run, and only when its sources are newer than the last build. */
export default function setup(): void {
  if (!chromiumPath) return
  buildMiniappIfStale('h5', 'index.html')
}
