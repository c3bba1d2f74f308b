import { randomUUID } from 'node:crypto'
import { getTableColumns, sql, type Placeholder, type Query, type SQL } from 'drizzle-orm'
import { toSnakeCase } from 'drizzle-orm/casing'
import { auditOutboxRow, type AuditInput } from '../../db/audit'
import { HotStatement, scriptTransaction, type Db } from '../../db/client'
import { pieceCollections, type Workshop } from '../../db/schema'
import { AppError, type ErrorCode } from '../../shared/errors'
import {
  buildRateBook,
  checkCollection,
  checkTicketEntry,
  GRAMS,
  operationMaterial,
  type TicketFacts,
  checkDailyPieces,
  checkInPeriod,
  checkOrderLimit,
  checkRateInForce,
  closedPeriodContaining,
  openRework,
  orderCountDelta,
  piecesMade,
  rateOn,
  collectionEntryInput,
  collectionSchema,
  periodStatuses,
  type Collection,
  type SyncResult,
} from '../../shared/piecework'
import { uuidSchema } from '../../shared/ids'
import { z } from '../../shared/zod'
import { sessionFromRows, sessionRowsSql, type Authority, type Session, type TokenClaims } from '../lib/auth'
import { concurrentTwin, pgCode, replayStoredAnswer, type IdempotencyContext } from '../lib/route'
import { addDays, todayInChina } from '../../shared/time'

// Files starting with "_" are helpers, not routes (Vercel skips them).

export type CollectionEntry = ReturnType<typeof collectionEntryInput.parse>

export type CollectionOutcome = { outcome: 'ok' | 'duplicate'; collection: Collection } | { outcome: 'error'; code: ErrorCode; message: string }

const count = z.coerce.number()
/**
 * Everything the checks of a batch depend on, in one statement: the head's phone syncs up to 200
 * queued entries at once, often over a weak link to a distant database, and a read per fact per
 * entry made that thousands of round trips.
 */
const batchFacts = z.object({
  // Every column of the stored collection under its key (collectionRead below), so a stored row reads as the wire shape.
  existing: z.array(collectionSchema.extend({ workshopId: uuidSchema })).nullable(),
  workers: z.array(z.string()).nullable(),
  orders: z.array(z.object({ id: z.string(), product_id: z.string(), quantity: count })).nullable(),
  operations: z
    .array(
      z.object({ id: z.string(), product_id: z.string(), name: z.string(), grams_per_piece: count, count_per_piece: count, count_unit: z.string().nullable() }),
    )
    .nullable(),
  tickets: z
    .array(
      z.object({
        id: z.string(),
        code: z.string(),
        worker_id: z.string(),
        order_id: z.string(),
        operation_id: z.string(),
        pieces: count,
        collected_at: z.string().nullable(),
        collected_on: z.string().nullable(),
        collected_by: z.string().nullable(),
      }),
    )
    .nullable(),
  rates: z.array(z.object({ operation_id: z.string(), rate_fen: count, effective_from: z.string() })).nullable(),
  counted: z.array(z.object({ order_id: z.string(), operation_id: z.string(), counted: count })).nullable(),
  daily: z.array(z.object({ worker_id: z.string(), day: z.string(), pieces: count })).nullable(),
  periods: z.array(z.object({ id: z.string(), starts_on: z.string(), ends_on: z.string(), status: z.enum(periodStatuses) })).nullable(),
  material: z.array(z.object({ worker_id: z.string(), product_id: z.string(), unit: z.string(), net: count })).nullable(),
  made: z.array(z.object({ worker_id: z.string(), product_id: z.string(), unit: z.string(), made: count })).nullable(),
  rework: z.array(z.object({ worker_id: z.string(), operation_id: z.string(), open: count })).nullable(),
})

/*
 * piece_collections' columns are named once, by the drizzle table: what a batch reads and writes
 * is built from its keys, so a column added, renamed or retyped there is a type error here rather
 * than a list of names out of step in the SQL below.
 */
type CollectionColumn = keyof typeof pieceCollections.$inferSelect
const collectionColumns = getTableColumns(pieceCollections)
/** The column's name in the database: the schema names columns by key, in snake_case (db/client.ts). */
function columnName(key: CollectionColumn): string {
  const column = collectionColumns[key]
  return column.keyAsName ? toSnakeCase(column.name) : column.name
}
/** Every column of `c` under its key: `c.client_id as "clientId"`, … */
const collectionRead = sql.join(
  (Object.keys(collectionColumns) as CollectionColumn[]).map((key) => sql`c.${sql.identifier(columnName(key))} as ${sql.identifier(key)}`),
  sql`, `,
)
/** What a batch writes of a collection; the rest keep their defaults (a batch records originals, never corrections). */
const WRITTEN = [
  'id',
  'clientId',
  'workshopId',
  'workerId',
  'orderId',
  'operationId',
  'collectedOn',
  'accepted',
  'rejected',
  'rework',
  'rejectReason',
  'reworkReturn',
  'overOrderReason',
  'ticketId',
  'createdBy',
] as const satisfies readonly CollectionColumn[]
type WrittenCollection = Required<Pick<typeof pieceCollections.$inferInsert, (typeof WRITTEN)[number]>>
const writtenColumns = sql.join(
  WRITTEN.map((key) => sql.identifier(columnName(key))),
  sql`, `,
)
const writtenValues = sql.join(
  WRITTEN.map((key) => sql`x.${sql.identifier(key)}`),
  sql`, `,
)
/** The recordset's columns, keyed as the rows' JSON is and typed as the table's columns. */
const writtenRecord = sql.join(
  WRITTEN.map((key) => sql`${sql.identifier(key)} ${sql.raw(collectionColumns[key].getSQLType())}`),
  sql`, `,
)

/** A Postgres array literal of the distinct values, for a `$n::uuid[]` / `::text[]` / `::date[]` parameter. */
const arrayLiteral = (values: Iterable<string>) => `{${[...new Set(values)].join(',')}}`

type Lists = 'workshopId' | 'clientIds' | 'workerIds' | 'orderIds' | 'operationIds' | 'days' | 'ticketCodes'
type Slots<Key extends string> = Readonly<Record<Key, Placeholder<Key>>>

/*
 * The batch's statements, written once. Ordered (the workshop, then households, then orders, then
 * tickets, each by id), so two batches lock shared rows in the same order.
 */
const sessionAndLocks = new HotStatement<'personId' | Lists>(
  'collections_session_and_locks',
  (slot) => sql`
          with ws as (select id, village_id, tolerance_bp, order_tolerance_bp from workshops where id = ${slot.workshopId} for share),
               w as (select id from workshop_workers where workshop_id = ${slot.workshopId} and id = any(${slot.workerIds}::uuid[]) order by id for update),
               o as (select id from customer_orders where workshop_id = ${slot.workshopId} and id = any(${slot.orderIds}::uuid[]) order by id for update),
               -- Tickets scanned: two phones sending the same ticket wait here, and the second sees the first's collection.
               t as (select id from bundle_tickets where workshop_id = ${slot.workshopId} and code = any(${slot.ticketCodes}::text[]) order by id for update),
               locked as (select id from ws union all select id from w union all select id from o union all select id from t)
          select (select coalesce(json_agg(s), '[]'::json) from (${sessionRowsSql(slot.personId)}) s) as session,
                 (select row_to_json(ws) from ws) as workshop,
                 (select count(*) from locked) as locked`,
)

/**
 * Read after the locks: what other batches for these households committed is included. The
 * households' collections are read once (wc) for the day's, the material's and the rework's
 * sums: three scans of every collection a household ever made were most of the statement's time.
 */
const batchFactsStatement =
  <Key extends string>(stored: (slot: Slots<Key | Lists>) => SQL) =>
  (slot: Slots<Key | Lists>) =>
    sql`
    with wc as materialized (
      select c.worker_id, c.operation_id, c.collected_on, c.accepted, c.rejected, c.rework, c.rework_return
        from piece_collections c where c.worker_id = any(${slot.workerIds}::uuid[])
    ), by_operation as materialized (
      select wc.worker_id, wc.operation_id,
             sum(case when wc.rework_return then 0 else (wc.accepted + wc.rejected + wc.rework)::bigint end) as pieces,
             sum(case when wc.rework_return then -(wc.accepted + wc.rejected)::bigint else wc.rework::bigint end) as open
        from wc group by wc.worker_id, wc.operation_id
    )
    select
      ${stored(slot)} as stored,
      (select json_agg(x) from (select ${collectionRead}, bt.code as "ticketCode" from piece_collections c left join bundle_tickets bt on bt.id = c.ticket_id
        where c.client_id = any(${slot.clientIds}::uuid[])) x) as existing,
      (select json_agg(w.id) from workshop_workers w where w.workshop_id = ${slot.workshopId} and w.id = any(${slot.workerIds}::uuid[])) as workers,
      (select json_agg(json_build_object('id', o.id, 'product_id', o.product_id, 'quantity', o.quantity)) from customer_orders o
        where o.workshop_id = ${slot.workshopId} and o.id = any(${slot.orderIds}::uuid[])) as orders,
      (select json_agg(json_build_object('id', p.id, 'product_id', p.product_id, 'name', p.name, 'grams_per_piece', p.grams_per_piece,
                                         'count_per_piece', p.count_per_piece, 'count_unit', p.count_unit)) from piece_operations p
        where p.id = any(${slot.operationIds}::uuid[])) as operations,
      (select json_agg(json_build_object('id', bt.id, 'code', bt.code, 'worker_id', bt.worker_id, 'order_id', bt.order_id, 'operation_id', bt.operation_id,
                                         'pieces', bt.pieces, 'collected_at', c.created_at, 'collected_on', c.collected_on::text, 'collected_by', pe.name))
         from bundle_tickets bt left join piece_collections c on c.ticket_id = bt.id left join people pe on pe.id = c.created_by
        where bt.workshop_id = ${slot.workshopId} and bt.code = any(${slot.ticketCodes}::text[])) as tickets,
      (select json_agg(json_build_object('operation_id', r.operation_id, 'rate_fen', r.rate_fen, 'effective_from', r.effective_from::text)) from piece_rates r
        where r.operation_id = any(${slot.operationIds}::uuid[])) as rates,
      (select json_agg(t) from (
         select c.order_id, c.operation_id,
                sum(case when c.rework_return then -c.rejected::bigint else (c.accepted + c.rework)::bigint end) as counted
           from piece_collections c
          where c.order_id = any(${slot.orderIds}::uuid[])
          group by c.order_id, c.operation_id) t) as counted,
      (select json_agg(t) from (
         select wc.worker_id, wc.collected_on::text as day, sum((wc.accepted + wc.rejected + wc.rework)::bigint) as pieces
           from wc
          where wc.collected_on = any(${slot.days}::date[])
          group by wc.worker_id, wc.collected_on) t) as daily,
      (select json_agg(json_build_object('id', p.id, 'starts_on', p.starts_on::text, 'ends_on', p.ends_on::text, 'status', p.status)) from pay_periods p
        where p.workshop_id = ${slot.workshopId}) as periods,
      (select json_agg(t) from (
         select m.worker_id, o.product_id, coalesce(m.unit, ${GRAMS}) as unit,
                sum(case when m.kind = 'issue' then coalesce(m.grams, m.count)::bigint else -coalesce(m.grams, m.count)::bigint end) as net
           from material_movements m join customer_orders o on o.id = m.order_id
          where m.worker_id = any(${slot.workerIds}::uuid[])
          group by 1, 2, 3) t) as material,
      (select json_agg(t) from (
         select b.worker_id, p.product_id, case when p.grams_per_piece > 0 then ${GRAMS} else p.count_unit end as unit,
                sum(b.pieces * (p.grams_per_piece + p.count_per_piece)) as made
           from by_operation b join piece_operations p on p.id = b.operation_id
          where p.grams_per_piece > 0 or p.count_per_piece > 0
          group by 1, 2, 3) t) as made,
      (select json_agg(t) from (select b.worker_id, b.operation_id, b.open from by_operation b) t) as rework`
const keyedFacts = new HotStatement<'principal' | 'key' | Lists>(
  'collections_facts_keyed',
  batchFactsStatement<'principal' | 'key'>(
    (slot) =>
      sql`(select row_to_json(r) from (select status, body, request_hash from idempotency_records where principal = ${slot.principal} and key = ${slot.key}) r)`,
  ),
)
const unkeyedFacts = new HotStatement<Lists>(
  'collections_facts',
  batchFactsStatement<never>(() => sql`null::json`),
)

/**
 * The stored rows, their audit entries and the key's record, in one statement. Plain inserts: a
 * client id or a key stored meanwhile is a unique violation that aborts the whole transaction.
 */
const collectionsWrite = new HotStatement<'rows' | 'audits' | 'record'>(
  'collections_write',
  (slot) => sql`
    with stored as (
      insert into ${pieceCollections} (${writtenColumns})
      select ${writtenValues} from json_to_recordset(${slot.rows}::json) as x(${writtenRecord})
      returning id
    ), entries as (
      insert into audit_outbox (village_id, actor_person_id, action, subject_type, subject_id, payload, recorded_at)
      select a.village_id, a.actor_person_id, a.action, a.subject_type, a.subject_id, a.payload, a.recorded_at
        from json_to_recordset(${slot.audits}::json) as a(
          village_id uuid, actor_person_id uuid, action text, subject_type text, subject_id text, payload jsonb, recorded_at timestamptz)
        join stored on stored.id::text = a.subject_id
      returning id
    ), record as (
      insert into idempotency_records (principal, key, route, request_hash, status, body)
      select r.principal, r.key, r.route, r.request_hash, r.status, r.body
        from json_to_recordset(${slot.record}::json) as r(principal text, key text, route text, request_hash text, status integer, body jsonb)
      returning key
    )
    select (select count(*) from stored) as stored, coalesce((select json_agg(id) from entries), '[]'::json) as audit_ids,
           (select count(*) from record) as recorded`,
)

/** The workshop fields the batch decision needs. */
export type CollectionWorkshop = Pick<Workshop, 'id' | 'villageId' | 'toleranceBp' | 'orderToleranceBp'>

const lockedWorkshop = z.object({ id: z.string(), village_id: z.string(), tolerance_bp: count, order_tolerance_bp: count })
const storedRecord = z.object({ status: z.number(), body: z.unknown(), request_hash: z.string() }).nullable()
// Built once, not per request: zod compiles a schema's parser on its first use.
const lockedHead = z.object({ session: z.array(z.unknown()), workshop: lockedWorkshop.nullable() })
const keyedBatchFacts = batchFacts.extend({ stored: storedRecord })
const written = z.object({ stored: count, audit_ids: z.array(count) })

/**
 * Records inspected collections, each once, in order, and answers per entry: stored, a duplicate
 * of one already stored (a replayed offline entry, a double tap), or refused with the reason.
 * One transaction of four statements whatever the batch size, sent as two scripts (two waits on
 * pg, which pipelines them; one after another on Neon's driver):
 *   1. the caller's session, the workshop (share-locked: a period cannot close meanwhile) and the
 *      households' and orders' rows (locked, so two phones cannot both spend the same material or
 *      the last pieces of an order);
 *   2. after those locks, the Idempotency-Key's record and every fact the checks need;
 *   — the shared rules decide each entry, counting the entries before it —
 *   3. the accepted rows, their audit entries and the key's record in one statement, and COMMIT.
 * Every refusal is decided before anything is written, so one bad entry fails alone without a
 * savepoint. `answer` turns the outcomes into the route's answer (what a key's record stores);
 * it may refuse, and then nothing is written.
 */
export async function recordCollectionBatch<T>(
  db: Db,
  input: {
    claims: TokenClaims
    /** The route's check of the caller in the workshop's village (the route declares who may). */
    authorize: (villageId: string, authority: Authority) => unknown
    workshopId: string
    entries: readonly CollectionEntry[]
    idempotency: IdempotencyContext | null
    answer: (outcomes: CollectionOutcome[]) => T
    /** The route's note of the audit entries written (sealed once the request has answered). */
    noteAudit: (villageId: string, id: number) => void
  },
): Promise<T> {
  const { claims, workshopId, entries, idempotency } = input
  const lists = {
    workshopId,
    clientIds: arrayLiteral(entries.map((e) => e.clientId)),
    workerIds: arrayLiteral(entries.map((e) => e.workerId)),
    orderIds: arrayLiteral(entries.map((e) => e.orderId)),
    operationIds: arrayLiteral(entries.map((e) => e.operationId)),
    days: arrayLiteral(entries.map((e) => e.collectedOn)),
    ticketCodes: arrayLiteral(entries.flatMap((e) => (e.ticketCode ? [e.ticketCode] : []))),
  }
  return scriptTransaction(db, async (run) => {
    const [first, second] = await run([
      { name: sessionAndLocks.name, query: sessionAndLocks.with({ ...lists, personId: claims.personId }) },
      idempotency
        ? { name: keyedFacts.name, query: keyedFacts.with({ ...lists, principal: idempotency.principal, key: idempotency.key }) }
        : { name: unkeyedFacts.name, query: unkeyedFacts.with(lists) },
    ])
    const head = lockedHead.parse(first?.[0])
    const session = sessionFromRows(claims, head.session)
    if (!head.workshop) throw new AppError('not_found', '找不到这个工坊')
    const found: CollectionWorkshop = {
      id: head.workshop.id,
      villageId: head.workshop.village_id,
      toleranceBp: head.workshop.tolerance_bp,
      orderToleranceBp: head.workshop.order_tolerance_bp,
    }
    input.authorize(found.villageId, session)
    const facts = keyedBatchFacts.parse(second?.[0])
    if (idempotency && facts.stored)
      replayStoredAnswer(idempotency, { status: facts.stored.status, body: facts.stored.body, requestHash: facts.stored.request_hash })
    const { outcomes, accepted } = decide(found, entries, facts, session)
    const answer = input.answer(outcomes)
    const [writtenRows] = await run(
      [{ name: collectionsWrite.name, query: writeValues(session, found, accepted, idempotency, idempotency ? idempotency.output(answer) : null) }],
      { commit: true },
    ).catch((error: unknown) => {
      if (pgCode(error) === '23505') {
        const constraint = (error as { constraint?: unknown }).constraint
        // Another request with the same key stored its answer first: that answer is replayed.
        if (constraint === 'idempotency_records_principal_key_pk') concurrentTwin()
        // Every ticket was checked under its lock; this is only a backstop.
        if (constraint === 'piece_collections_ticket_once') throw new AppError('piecework_ticket_collected', '这张扎票刚刚在别的手机上收过了，请重新同步查看')
        // Every client id was checked under the households' locks; a twin stored meanwhile means
        // the same id was sent for another household at the same moment. Nothing of this batch is kept.
        throw new AppError('conflict', '有记录的编号刚被别的交货使用，请重新同步')
      }
      throw error
    })
    const result = written.parse(writtenRows?.[0])
    for (const id of result.audit_ids) input.noteAudit(found.villageId, id)
    return answer
  })
}

/** The shared rules, entry by entry, over the batch's facts: nothing here reads or writes. */
function decide(
  workshop: CollectionWorkshop,
  entries: readonly CollectionEntry[],
  facts: z.infer<typeof batchFacts>,
  session: Session,
): { outcomes: CollectionOutcome[]; accepted: (Collection & { ticketId: string | null })[] } {
  const workers = new Set(facts.workers ?? [])
  const existing = new Map((facts.existing ?? []).map(({ workshopId, ...collection }) => [collection.clientId, { workshopId, collection }]))
  const orders = new Map((facts.orders ?? []).map((row) => [row.id, row]))
  const operations = new Map((facts.operations ?? []).map((row) => [row.id, row]))
  const periods = (facts.periods ?? []).map((p) => ({ id: p.id, startsOn: p.starts_on, endsOn: p.ends_on, status: p.status }))
  const material = new Map((facts.material ?? []).map((row) => [`${row.worker_id}/${row.product_id}/${row.unit}`, row.net]))
  const made = new Map((facts.made ?? []).map((row) => [`${row.worker_id}/${row.product_id}/${row.unit}`, row.made]))
  const tickets = new Map<string, TicketFacts & { id: string }>(
    (facts.tickets ?? []).map((t) => [
      t.code,
      {
        id: t.id,
        code: t.code,
        workerId: t.worker_id,
        orderId: t.order_id,
        operationId: t.operation_id,
        pieces: t.pieces,
        collected:
          t.collected_at && t.collected_on ? { at: new Date(t.collected_at).toISOString(), byName: t.collected_by ?? '', collectedOn: t.collected_on } : null,
      },
    ]),
  )
  const reworkOpen = new Map((facts.rework ?? []).map((row) => [`${row.worker_id}/${row.operation_id}`, row.open]))
  const rates = buildRateBook((facts.rates ?? []).map((r) => ({ operationId: r.operation_id, rateFen: r.rate_fen, effectiveFrom: r.effective_from })))
  const counted = new Map((facts.counted ?? []).map((row) => [`${row.order_id}/${row.operation_id}`, row.counted]))
  const daily = new Map((facts.daily ?? []).map((row) => [`${row.worker_id}/${row.day}`, row.pieces]))
  // A day ahead is allowed for a phone whose clock runs fast; pieces cannot be handed in later than that.
  const latest = addDays(todayInChina(), 1)

  const outcomes: CollectionOutcome[] = []
  const accepted = new Map<string, Collection & { ticketId: string | null }>()
  const refuse = (code: ErrorCode, message?: string): CollectionOutcome => ({ outcome: 'error', code, message: message ?? new AppError(code).message })
  for (const entry of entries) {
    const stored = existing.get(entry.clientId)
    const earlier = accepted.get(entry.clientId)
    if (stored) {
      outcomes.push(
        stored.workshopId === workshop.id ? { outcome: 'duplicate', collection: stored.collection } : refuse('conflict', '这条记录的编号已被另一个工坊使用'),
      )
      continue
    }
    if (earlier) {
      outcomes.push({ outcome: 'duplicate', collection: earlier })
      continue
    }
    if (entry.collectedOn > latest) {
      outcomes.push(refuse('validation_failed', '交货日期不能晚于今天'))
      continue
    }
    if (!workers.has(entry.workerId)) {
      outcomes.push(refuse('piecework_worker_not_in_workshop'))
      continue
    }
    const order = orders.get(entry.orderId)
    if (!order) {
      outcomes.push(refuse('not_found', '找不到这个订单'))
      continue
    }
    const operation = operations.get(entry.operationId)
    if (!operation || operation.product_id !== order.product_id) {
      outcomes.push(refuse('piecework_operation_mismatch'))
      continue
    }
    const closed = closedPeriodContaining(periods, entry.collectedOn)
    if (closed) {
      outcomes.push(refuse('piecework_period_closed', `${entry.collectedOn} 所在的周期（${closed.startsOn} 至 ${closed.endsOn}）已结账，请改在下一周期记调整`))
      continue
    }
    const ticket = entry.ticketCode ? tickets.get(entry.ticketCode) : undefined
    if (entry.ticketCode && !ticket) {
      outcomes.push(refuse('piecework_ticket_not_found'))
      continue
    }
    const ticketRefusal = ticket ? checkTicketEntry(ticket, entry) : null
    if (ticketRefusal) {
      outcomes.push(refuse(ticketRefusal.code, ticketRefusal.message))
      continue
    }
    const usage = operationMaterial({ gramsPerPiece: operation.grams_per_piece, countPerPiece: operation.count_per_piece, countUnit: operation.count_unit })
    const productKey = `${entry.workerId}/${order.product_id}/${usage?.unit ?? ''}`
    const reworkKey = `${entry.workerId}/${operation.id}`
    const orderKey = `${order.id}/${operation.id}`
    const dayKey = `${entry.workerId}/${entry.collectedOn}`
    const refusal =
      checkInPeriod(periods, entry.collectedOn) ??
      checkRateInForce(rateOn(rates, operation.id, entry.collectedOn), operation.name, entry.collectedOn) ??
      checkCollection({
        entry,
        perPiece: usage?.perPiece ?? 0,
        netIssued: material.get(productKey) ?? 0,
        alreadyUsed: made.get(productKey) ?? 0,
        openReworkPieces: reworkOpen.get(reworkKey) ?? 0,
        toleranceBp: workshop.toleranceBp,
      }) ??
      checkDailyPieces({ alreadyThatDay: daily.get(dayKey) ?? 0, entry, day: entry.collectedOn }) ??
      checkOrderLimit({ quantity: order.quantity, countedBefore: counted.get(orderKey) ?? 0, entry, toleranceBp: workshop.orderToleranceBp })
    if (refusal) {
      outcomes.push(refuse(refusal.code, refusal.message))
      continue
    }
    // Later entries of this batch see this one, as they would had it been stored before them.
    made.set(productKey, (made.get(productKey) ?? 0) + piecesMade(entry) * (usage?.perPiece ?? 0))
    // A ticket taken by an entry of this batch is collected for the entries after it.
    if (ticket) ticket.collected = { at: new Date().toISOString(), byName: session.name, collectedOn: entry.collectedOn }
    reworkOpen.set(reworkKey, (reworkOpen.get(reworkKey) ?? 0) + openRework([entry]))
    counted.set(orderKey, (counted.get(orderKey) ?? 0) + orderCountDelta(entry))
    daily.set(dayKey, (daily.get(dayKey) ?? 0) + entry.accepted + entry.rejected + entry.rework)
    const collection: Collection = {
      id: randomUUID(),
      clientId: entry.clientId,
      workerId: entry.workerId,
      orderId: order.id,
      operationId: operation.id,
      collectedOn: entry.collectedOn,
      accepted: entry.accepted,
      rejected: entry.rejected,
      rework: entry.rework,
      rejectReason: entry.rejectReason?.trim() || null,
      reworkReturn: entry.reworkReturn,
      overOrderReason: entry.overOrder ? entry.overOrderReason?.trim() || null : null,
      correctsId: null,
      correctionReason: null,
      ticketCode: ticket?.code ?? null,
    }
    accepted.set(entry.clientId, { ...collection, ticketId: ticket?.id ?? null })
    outcomes.push({ outcome: 'ok', collection })
  }
  return { outcomes, accepted: [...accepted.values()] }
}

/** The write's values: the accepted rows, their audit entries and the key's record, as JSON recordsets. */
function writeValues(
  session: Session,
  workshop: CollectionWorkshop,
  collections: readonly (Collection & { ticketId: string | null })[],
  idempotency: IdempotencyContext | null,
  output: unknown,
): Query {
  const rows = collections.map((c): WrittenCollection => ({
    id: c.id,
    clientId: c.clientId,
    workshopId: workshop.id,
    workerId: c.workerId,
    orderId: c.orderId,
    operationId: c.operationId,
    collectedOn: c.collectedOn,
    accepted: c.accepted,
    rejected: c.rejected,
    rework: c.rework,
    rejectReason: c.rejectReason,
    reworkReturn: c.reworkReturn,
    overOrderReason: c.overOrderReason,
    ticketId: c.ticketId,
    createdBy: session.personId,
  }))
  const audits = collections.map((c) => {
    const input: AuditInput = {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.collection.recorded',
      subjectType: 'piece_collection',
      subjectId: c.id,
      payload: {
        clientId: c.clientId,
        workerId: c.workerId,
        orderId: c.orderId,
        operationId: c.operationId,
        collectedOn: c.collectedOn,
        accepted: c.accepted,
        rejected: c.rejected,
        rework: c.rework,
        reworkReturn: c.reworkReturn,
        ...(c.overOrderReason ? { overOrderReason: c.overOrderReason } : {}),
        ...(c.ticketCode ? { ticketCode: c.ticketCode } : {}),
      },
    }
    const row = auditOutboxRow(input)
    return {
      village_id: row.villageId,
      actor_person_id: row.actorPersonId,
      action: row.action,
      subject_type: row.subjectType,
      subject_id: row.subjectId,
      payload: row.payload,
      recorded_at: row.recordedAt,
    }
  })
  const record = idempotency
    ? {
        principal: idempotency.principal,
        key: idempotency.key,
        route: idempotency.route,
        request_hash: idempotency.requestHash,
        status: idempotency.status,
        body: output,
      }
    : null
  return collectionsWrite.with({ rows: JSON.stringify(rows), audits: JSON.stringify(audits), record: JSON.stringify(record ? [record] : []) })
}

const COUNT_FIELDS = new Set(['accepted', 'rejected', 'rework'])

/** One queued offline entry, parsed on its own so a malformed entry fails alone. */
export function parseQueuedEntry(raw: Record<string, unknown>): { entry: CollectionEntry } | { error: SyncResult } {
  const clientId = typeof raw.clientId === 'string' ? raw.clientId.slice(0, 64) : ''
  const parsed = collectionEntryInput.safeParse(raw)
  if (parsed.success) return { entry: parsed.data }
  const countIssue = parsed.error.issues.find((issue) => COUNT_FIELDS.has(String(issue.path[0])))
  return {
    error: countIssue
      ? { clientId, outcome: 'error', code: 'piecework_invalid_count', message: '件数必须是不小于 0 的整数' }
      : { clientId, outcome: 'error', code: 'validation_failed', message: parsed.error.issues[0]?.message ?? '填写的内容有误' },
  }
}
