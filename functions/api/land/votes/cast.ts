import { sql } from 'drizzle-orm'
import { auditOutboxRow } from '../../../../db/audit'
import { HotStatement } from '../../../../db/client'
import { AppError } from '../../../../shared/errors'
import { castVoteInput, voteResponse } from '../../../../shared/land'
import { ballotAssisters, roleSchema } from '../../../../shared/roles'
import { assistedBallotRefusal, meetingTypeSchema, needsAssistance, voteChoiceLabels, voteChoiceSchema } from '../../../../shared/votes'
import { z } from '../../../../shared/zod'
import { requireCurrentSession, requireRole } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { refuseIneligible } from '../../../queries/land'

/**
 * Everything a ballot depends on, read in one statement: a hall of hundreds votes within a
 * minute, and every round trip is time a villager stares at a spinner on a weak signal.
 */
const ballotFacts = z.object({
  village_id: z.string(),
  caller_roles: z.array(roleSchema),
  motion_status: z.string(),
  hands_counted: z.boolean(),
  meeting_status: z.string(),
  meeting_type: meetingTypeSchema,
  meeting_date: z.string(),
  voter_exists: z.boolean(),
  voter_birth_year: z.number().nullable(),
  voter_roles: z.array(roleSchema),
  present: z.boolean(),
  has_voted: z.boolean(),
  has_own_ballot: z.boolean(),
  voter_marked: z.boolean(),
  voter_household_elderly: z.boolean(),
})

/** What is checked before the facts are trusted: built once, as zod compiles a schema's parser on first use. */
const callerFacts = z.object({ caller_exists: z.boolean(), caller_session_version: z.number().nullable(), village_id: z.string().nullable() })

/** Everything a ballot's checks need, in one statement: the caller, the motion and its meeting, the voter. */
const voteFacts = new HotStatement<'personId' | 'voterId' | 'motionId'>(
  'land_vote_facts',
  (slot) => sql`
        select m.village_id,
               exists (select 1 from people c where c.id = ${slot.personId}) as caller_exists,
               (select c.session_version from people c where c.id = ${slot.personId}) as caller_session_version,
               (select coalesce(json_agg(r.role), '[]'::json) from memberships r
                 where r.person_id = ${slot.personId} and r.village_id = m.village_id) as caller_roles,
               m.status as motion_status,
               m.hands_for is not null as hands_counted,
               g.status as meeting_status,
               g.type as meeting_type,
               g.meeting_date::text as meeting_date,
               v.id is not null as voter_exists,
               v.birth_year as voter_birth_year,
               (select coalesce(json_agg(r.role), '[]'::json) from memberships r
                 where r.person_id = ${slot.voterId} and r.village_id = m.village_id) as voter_roles,
               exists (select 1 from land_attendance a where a.meeting_id = m.meeting_id and a.person_id = ${slot.voterId}) as present,
               exists (select 1 from land_votes x where x.motion_id = m.id and x.person_id = ${slot.voterId}) as has_voted,
               exists (select 1 from land_votes x where x.motion_id = m.id and x.person_id = ${slot.voterId} and not x.assisted) as has_own_ballot,
               exists (select 1 from land_assistance_needs n where n.person_id = ${slot.voterId} and n.village_id = m.village_id) as voter_marked,
               coalesce((select h.elderly from households h where h.id = v.household_id), false) as voter_household_elderly
          from (select 1) as always_one_row
          left join (land_motions m join land_meetings g on g.id = m.meeting_id) on m.id = ${slot.motionId}
          left join people v on v.id = ${slot.voterId}`,
)

/*
 * The guard repeats what can change between the read and the write (the motion closing, the
 * hands being entered, the villager casting their own ballot); the share lock makes a
 * concurrent close wait for this ballot. `where land_votes.assisted or not excluded.assisted`
 * is ballotMayReplace: an assisted ballot never overwrites the villager's own.
 */
const voteWrite = new HotStatement<
  | 'action'
  | 'actorPersonId'
  | 'assisted'
  | 'choice'
  | 'familyMemberName'
  | 'motionId'
  | 'payload'
  | 'personId'
  | 'reason'
  | 'recordedAt'
  | 'requestedBy'
  | 'subjectId'
  | 'subjectType'
  | 'villageId'
  | 'voterId'
>(
  'land_vote_write',
  (slot) => sql`
      with guard as (
        select m.id from land_motions m
         where m.id = ${slot.motionId} and m.status = 'open'
           and (m.hands_for is null
                or exists (select 1 from land_votes x where x.motion_id = m.id and x.person_id = ${slot.voterId}))
           for share
      ), ballot as (
        insert into land_votes (motion_id, person_id, choice, assisted, recorded_by, requested_by, family_member_name, assist_reason, cast_at, updated_at)
        select guard.id, ${slot.voterId}, ${slot.choice}, ${slot.assisted}, ${slot.personId}, ${slot.requestedBy}, ${slot.familyMemberName}, ${slot.reason},
               ${slot.recordedAt}, ${slot.recordedAt}
          from guard
        on conflict (motion_id, person_id) do update
          set choice = excluded.choice, assisted = excluded.assisted, recorded_by = excluded.recorded_by,
              requested_by = excluded.requested_by, family_member_name = excluded.family_member_name,
              assist_reason = excluded.assist_reason, updated_at = excluded.updated_at
          where land_votes.assisted or not excluded.assisted
        returning choice, assisted
      ), entry as (
        insert into audit_outbox (village_id, actor_person_id, action, subject_type, subject_id, payload, recorded_at)
        select ${slot.villageId}, ${slot.actorPersonId}, ${slot.action}, ${slot.subjectType}, ${slot.subjectId},
               ${slot.payload}::jsonb, ${slot.recordedAt}
          from ballot
        returning id
      )
      select ballot.choice, ballot.assisted, entry.id as audit_id from ballot cross join entry`,
)

const storedBallot = z.object({ choice: voteChoiceSchema, assisted: z.boolean(), audit_id: z.coerce.number() })

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/votes/cast',
  summary: '手机投票：同意、反对或弃权；表决结束前可以更改；干部可为请求帮助的老人代录（标记代投）',
  tags: ['land'],
  // The caller's roles come with the ballot's facts, in the same statement.
  auth: 'token',
  tenancy: 'entity',
  body: castVoteInput,
  response: voteResponse,
  // Reads, then one statement that writes the ballot and its audit entry only if the motion is
  // still open (under a share lock, so a close cannot slip in): no BEGIN/COMMIT needed.
  singleStatementWrite: true,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_motion_not_open',
    'land_motion_closed',
    'land_meeting_closed',
    'vote_under_18',
    'vote_not_eligible',
    'land_not_checked_in',
    'vote_hands_already_counted',
    'vote_assisted_voter_voted_self',
    'vote_assisted_reason_required',
    'validation_failed',
    'conflict',
  ],
  handler: async ({ db, authorize, personId, claims, body, noteAudit }) => {
    const assisted = body.onBehalfOfPersonId !== undefined && body.onBehalfOfPersonId !== personId
    const voterId = assisted && body.onBehalfOfPersonId ? body.onBehalfOfPersonId : personId
    // The villager's own ballot carries no request; an assisted one always says who asked.
    const help = {
      requestedBy: assisted ? (body.assistance?.requestedBy ?? null) : null,
      familyMemberName: assisted && body.assistance?.requestedBy === 'family' ? (body.assistance.familyMemberName ?? null) : null,
      reason: assisted && body.assistance?.reason ? body.assistance.reason : null,
    }
    if (assisted && help.requestedBy === null) throw new AppError('validation_failed', '代为投票时，请写明是谁请求代投的')

    const readFacts = async () => {
      const rows = await voteFacts.rows(db, { personId, voterId, motionId: body.motionId })
      const found = callerFacts.parse(rows[0])
      // A valid signature for a person who no longer exists is still not a login.
      if (!found.caller_exists) throw new AppError('unauthenticated')
      requireCurrentSession(claims, found.caller_session_version)
      if (found.village_id === null) throw new AppError('not_found', '找不到这项表决')
      return ballotFacts.parse(rows[0])
    }

    // The same refusals, in the same order, as every other land route would give them.
    const refuse = (facts: z.infer<typeof ballotFacts>): z.infer<typeof ballotFacts> => {
      const caller = { personId, roles: new Map([[facts.village_id, facts.caller_roles]]) }
      authorize(facts.village_id, caller)
      if (assisted) requireRole(caller, facts.village_id, ballotAssisters)
      if (facts.motion_status === 'closed') throw new AppError('land_motion_closed')
      if (facts.motion_status !== 'open') throw new AppError('land_motion_not_open')
      if (facts.meeting_status === 'closed') throw new AppError('land_meeting_closed')
      if (!facts.voter_exists || facts.voter_birth_year === null) throw new AppError('not_found', '找不到这位村民')
      refuseIneligible({ type: facts.meeting_type, meetingDate: facts.meeting_date }, facts.voter_birth_year, facts.voter_roles)
      if (!facts.present) throw new AppError('land_not_checked_in')
      if (assisted) {
        const refusal = assistedBallotRefusal({
          voterHasOwnBallot: facts.has_own_ballot,
          voterNeedsHelp: needsAssistance(
            { marked: facts.voter_marked, householdElderly: facts.voter_household_elderly, birthYear: facts.voter_birth_year },
            Number(facts.meeting_date.slice(0, 4)),
          ),
          reason: help.reason,
        })
        if (refusal) throw new AppError(refusal.code)
      }
      // After the hall count a new app ballot could count someone twice; changing one is still fine.
      if (facts.hands_counted && !facts.has_voted) throw new AppError('vote_hands_already_counted')
      return facts
    }

    const facts = refuse(await readFacts())
    const entry = auditOutboxRow({
      villageId: facts.village_id,
      actorPersonId: personId,
      action: assisted ? 'land.vote.cast_assisted' : 'land.vote.cast',
      subjectType: 'land_motion',
      subjectId: body.motionId,
      payload: assisted
        ? { personId: voterId, choice: body.choice, assisted, requestedBy: help.requestedBy, familyMemberName: help.familyMemberName, reason: help.reason }
        : { personId: voterId, choice: body.choice, assisted },
    })
    const rows = await voteWrite.rows(db, {
      motionId: body.motionId,
      voterId,
      choice: body.choice,
      assisted,
      personId,
      requestedBy: help.requestedBy,
      familyMemberName: help.familyMemberName,
      reason: help.reason,
      recordedAt: entry.recordedAt,
      villageId: entry.villageId,
      actorPersonId: entry.actorPersonId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      payload: JSON.stringify(entry.payload),
    })
    const [written] = rows
    if (written === undefined) {
      // The motion (or the villager's own ballot) changed after our read: give the refusal the new
      // state deserves.
      refuse(await readFacts())
      throw new AppError('conflict', '表决状态刚刚变化，请刷新后重试')
    }
    const stored = storedBallot.parse(written)
    noteAudit(facts.village_id, stored.audit_id)
    return {
      motionId: body.motionId,
      personId: voterId,
      choice: stored.choice,
      assisted: stored.assisted,
      message: `${assisted ? '已代为投票' : '您已投票'}：${voteChoiceLabels[stored.choice]}`,
    }
  },
})

export const POST = toWebHandler(route)
