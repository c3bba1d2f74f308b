import { z } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'

// Mini-program runtimes forbid eval/new Function; zod 4 probes for it unless jitless is set
// before the first schema is built. Every shared module imports z from here so the order holds.
// The zh-CN locale makes default field messages readable for villagers.
z.config({ jitless: true, ...zhCN() })

export { z }
