import { buildMiniappIfStale } from '../harness/build-miniapp'

/** The WeChat build under test is the one `npm run build:weapp` makes, rebuilt when stale. */
export default function setup(): void {
  buildMiniappIfStale('weapp', 'app.js')
}
