import type { AnyRoute } from './lib/route'
import { route as auditVerify } from './api/audit/verify'
import { route as demoLogin } from './api/auth/demo'
import { route as demoPersonas } from './api/auth/demo-personas'
import { route as wechatLogin } from './api/auth/wechat'
import { route as health } from './api/health'
import { route as createInvite } from './api/invites/create'
import { route as me } from './api/me'
import { route as openapi } from './api/openapi.json/index'
import { route as villageOverview } from './api/villages/overview'

/** Every route, for the local server, the OpenAPI document and the generated test suites. */
export const routes: readonly AnyRoute[] = [
  health,
  openapi,
  wechatLogin,
  demoLogin,
  demoPersonas,
  me,
  createInvite,
  villageOverview,
  auditVerify,
] as unknown as readonly AnyRoute[]
