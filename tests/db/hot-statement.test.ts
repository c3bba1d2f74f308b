import { sql } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { HotStatement } from '../../db/client'

const dialect = new PgDialect()

describe('a hot statement', () => {
  it('sends the text and values the same statement written with its values would', () => {
    const values = { personId: 'p-1', villageId: 'v-1', ids: '{a,b}' }
    const statement = new HotStatement<keyof typeof values>(
      'probe',
      (slot) => sql`select ${slot.personId} as a, ${slot.villageId} as b where x = any(${slot.ids}::uuid[]) and y = ${slot.personId} and z = ${'fixed'}`,
    )
    const direct = dialect.sqlToQuery(
      sql`select ${values.personId} as a, ${values.villageId} as b where x = any(${values.ids}::uuid[]) and y = ${values.personId} and z = ${'fixed'}`,
    )
    const filled = statement.with(values)
    expect(filled.sql).toBe(direct.sql)
    expect(filled.params).toEqual(direct.params)
  })

  it('is rendered once, and each request only fills in its own values', () => {
    let builds = 0
    const statement = new HotStatement<'id'>('probe_once', (slot) => {
      builds += 1
      return sql`select ${slot.id}`
    })
    expect(statement.with({ id: 'first' }).params).toEqual(['first'])
    expect(statement.with({ id: 'second' }).params).toEqual(['second'])
    expect(builds).toBe(1)
  })

  it('refuses to send a statement with a value missing rather than sending a placeholder', () => {
    const statement = new HotStatement<'id' | 'name'>('probe_missing', (slot) => sql`select ${slot.id}, ${slot.name}`)
    expect(() => statement.with({ id: 'x' } as unknown as { id: string; name: string })).toThrow(/name/)
  })
})
