/* 移风易俗奖耕地 (custom-reform land awards): the award rules, and the wire schemas. The vote itself follows shared/votes.ts. */
export * from './awards'
export * from './evidence'
export * from './meetings'
export * from './schemas'
export * from './statuses'
