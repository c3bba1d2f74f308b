import { z } from './zod'
import { roleSchema, villageKindSchema, type Role } from './roles'
import { uuidSchema } from './ids'

export const wechatLoginInput = z.object({
  code: z.string().trim().min(1).max(128),
  inviteCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{8}$/, { message: '邀请码是8位数字或大写字母' })
    .optional(),
})
export type WechatLoginInput = z.infer<typeof wechatLoginInput>

export const demoLoginInput = z.object({ personId: uuidSchema })
export type DemoLoginInput = z.infer<typeof demoLoginInput>

export const membershipSchema = z.object({
  villageId: uuidSchema,
  villageName: z.string(),
  villageKind: villageKindSchema,
  township: z.string(),
  roles: z.array(roleSchema),
})
export type Membership = z.infer<typeof membershipSchema>

export const meSchema = z.object({
  person: z.object({
    id: uuidSchema,
    name: z.string(),
    birthYear: z.number().int(),
    householdId: uuidSchema.nullable(),
  }),
  memberships: z.array(membershipSchema),
})
export type Me = z.infer<typeof meSchema>

export const sessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  me: meSchema,
})
export type SessionResponse = z.infer<typeof sessionResponse>

export const demoPersonaSchema = z.object({
  personId: uuidSchema,
  name: z.string(),
  villageName: z.string(),
  roles: z.array(roleSchema),
  description: z.string(),
})
export const demoPersonasResponse = z.object({ personas: z.array(demoPersonaSchema) })
export type DemoPersona = z.infer<typeof demoPersonaSchema>

/** A branch leader ends a villager's sessions (a lost phone), and may also unbind their WeChat. */
export const signOutPersonInput = z.object({
  villageId: uuidSchema,
  personId: uuidSchema,
  /** Also unbind the WeChat account: the phone cannot log in again until a new invite is redeemed. */
  unbindWechat: z.boolean().default(false),
})
export type SignOutPersonInput = z.infer<typeof signOutPersonInput>
export const signOutPersonResponse = z.object({ personName: z.string(), wechatUnbound: z.boolean(), message: z.string() })
export type SignOutPersonResponse = z.infer<typeof signOutPersonResponse>

/**
 * Who a branch leader may sign out remotely: any member of the village, but not another
 * secretary (a deputy must not be able to lock the secretary out); anyone may sign themselves out.
 * Answers the refusal, or null.
 */
export function remoteSignOutRefusal(targetRoles: readonly Role[], self: boolean): string | null {
  if (targetRoles.length === 0) return '本村没有这位村民'
  if (!self && targetRoles.includes('secretary')) return '村书记的登录只能由书记本人退出'
  return null
}

export const createInviteInput = z.object({ villageId: uuidSchema, personId: uuidSchema })
export const inviteResponse = z.object({ code: z.string(), expiresAt: z.string(), personName: z.string() })

export const healthResponse = z.object({
  ok: z.literal(true),
  driver: z.enum(['pglite', 'pg', 'neon']),
  migration: z.string(),
  migrationsApplied: z.number().int(),
  time: z.string(),
})
export type Health = z.infer<typeof healthResponse>

export const villageQuery = z.object({ villageId: uuidSchema })

export const villageOverviewResponse = z.object({
  village: z.object({
    id: uuidSchema,
    name: z.string(),
    kind: villageKindSchema,
    township: z.string(),
    county: z.string(),
  }),
  households: z.number().int(),
  elderlyHouseholds: z.number().int(),
  people: z.number().int(),
  adults: z.number().int(),
  leaders: z.array(z.object({ name: z.string(), role: roleSchema })),
})
export type VillageOverview = z.infer<typeof villageOverviewResponse>

export const auditVerifyResponse = z.object({
  villageId: uuidSchema,
  entries: z.number().int(),
  ok: z.boolean(),
  firstBadSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
})
export type AuditVerify = z.infer<typeof auditVerifyResponse>
