/*
 * 共享菜园 (shared garden): the pure rules, one file each, and the wire schemas. Times are epoch
 * minutes read on the Beijing clock (shared/time.ts).
 */
export * from './seasons'
export * from './duties'
export * from './roster'
export * from './shifts'
export * from './points'
export * from './harvests'
export * from './reminders'
export * from './corrections'
export * from './one-off-shift'
export * from './place'
export * from './schemas'
export * from './decisions'
