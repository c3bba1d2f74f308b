import type { AnyRoute } from './lib/route'
import { route as auditVerify } from './api/audit/verify'
import { route as demoLogin } from './api/auth/demo'
import { route as demoPersonas } from './api/auth/demo-personas'
import { route as logout } from './api/auth/logout'
import { route as signOutOthers } from './api/auth/sign-out-others'
import { route as wechatLogin } from './api/auth/wechat'
import { route as health } from './api/health'
import { route as createInvite } from './api/invites/create'
import { route as me } from './api/me'
import { route as openapi } from './api/openapi.json/index'
import { route as villageOverview } from './api/villages/overview'
import { route as signOutPerson } from './api/villages/sign-out-person'
import { route as villagePeople } from './api/villages/people'

import { route as pieceworkWorkshopsList } from './api/piecework/workshops/list'
import { route as pieceworkWorkshopsCreate } from './api/piecework/workshops/create'
import { route as pieceworkWorkshopsDetail } from './api/piecework/workshops/detail'
import { route as pieceworkWorkersAdd } from './api/piecework/workers/add'
import { route as pieceworkHouseholdsSearch } from './api/piecework/households/search'
import { route as pieceworkProductsCreate } from './api/piecework/products/create'
import { route as pieceworkRatesCreate } from './api/piecework/rates/create'
import { route as pieceworkOrdersCreate } from './api/piecework/orders/create'
import { route as pieceworkMaterialsMove } from './api/piecework/materials/move'
import { route as pieceworkCollectionsCreate } from './api/piecework/collections/create'
import { route as pieceworkCollectionsSync } from './api/piecework/collections/sync'
import { route as pieceworkCollectionsList } from './api/piecework/collections/list'
import { route as pieceworkCollectionsCorrect } from './api/piecework/collections/correct'
import { route as pieceworkTicketsList } from './api/piecework/tickets/list'
import { route as pieceworkTicketsLookup } from './api/piecework/tickets/lookup'
import { route as pieceworkPeriodsCreate } from './api/piecework/periods/create'
import { route as pieceworkPeriodsClose } from './api/piecework/periods/close'
import { route as pieceworkAdjustmentsCreate } from './api/piecework/adjustments/create'
import { route as pieceworkPaySheet } from './api/piecework/pay-sheet'
import { route as pieceworkPaySheetXlsx } from './api/piecework/pay-sheet/xlsx'
import { route as pieceworkStatement } from './api/piecework/statement'
import { route as pieceworkDashboard } from './api/piecework/dashboard'
// Custom-reform land awards
import { route as landYearsCreate } from './api/land/years/create'
import { route as landYearsCurrent } from './api/land/years/current'
import { route as landYearsList } from './api/land/years/list'
import { route as landHistory } from './api/land/history'
import { route as landNominationsCreate } from './api/land/nominations/create'
import { route as landNominationsReview } from './api/land/nominations/review'
import { route as landNominationsHouseholds } from './api/land/nominations/households'
import { route as landEvidenceUpload } from './api/land/evidence/upload'
import { route as landEvidencePhoto } from './api/land/evidence/photo'
import { route as landMeetingsCreate } from './api/land/meetings/create'
import { route as landMeetingsOpen } from './api/land/meetings/open'
import { route as landMeetingsClose } from './api/land/meetings/close'
import { route as landMeetingsCheckIn } from './api/land/meetings/check-in'
import { route as landMeetingsRollCall } from './api/land/meetings/roll-call'
import { route as landMeetingsRoster } from './api/land/meetings/roster'
import { route as landMeetingsCancel } from './api/land/meetings/cancel'
import { route as landMeetingsPostpone } from './api/land/meetings/postpone'
import { route as landMotionsCreate } from './api/land/motions/create'
import { route as landMotionsOpen } from './api/land/motions/open'
import { route as landMotionsClose } from './api/land/motions/close'
import { route as landMotionsTally } from './api/land/motions/tally'
import { route as landMotionsAudit } from './api/land/motions/audit'
import { route as landVotesCast } from './api/land/votes/cast'
import { route as landVotesMine } from './api/land/votes/mine'
import { route as landVotesAssisted } from './api/land/votes/assisted'
import { route as landAssistanceMark } from './api/land/assistance/mark'
import { route as landHandsEnter } from './api/land/hands/enter'
import { route as landNoticesPublish } from './api/land/notices/publish'
import { route as landNoticesGet } from './api/land/notices/get'
import { route as landNoticesPublic } from './api/land/notices/public'
import { route as landNoticesConfirm } from './api/land/notices/confirm'
import { route as landNoticesCorrect } from './api/land/notices/correct'
import { route as landObjectionsFile } from './api/land/objections/file'
import { route as landObjectionsReply } from './api/land/objections/reply'
import { route as landAllocationsAssign } from './api/land/allocations/assign'
import { route as landAllocationsList } from './api/land/allocations/list'
import { route as gardenOverview } from './api/garden/overview'
import { route as gardenMembers } from './api/garden/members'
import { route as gardenCalendar } from './api/garden/calendar'
import { route as gardenBedsList } from './api/garden/beds/list'
import { route as gardenBedsCreate } from './api/garden/beds/create'
import { route as gardenPlantingsCreate } from './api/garden/plantings/create'
import { route as gardenBedsCorrect } from './api/garden/beds/correct'
import { route as gardenPlantingsCorrect } from './api/garden/plantings/correct'
import { route as gardenHarvestsCorrect } from './api/garden/harvests/correct'
import { route as gardenPlace } from './api/garden/place'
import { route as gardenTaskTemplatesCreate } from './api/garden/task-templates/create'
import { route as gardenDutiesList } from './api/garden/duties/list'
import { route as gardenDutiesCreate } from './api/garden/duties/create'
import { route as gardenShiftsList } from './api/garden/shifts/list'
import { route as gardenShiftsCreate } from './api/garden/shifts/create'
import { route as gardenShiftsSignUp } from './api/garden/shifts/sign-up'
import { route as gardenShiftsWithdraw } from './api/garden/shifts/withdraw'
import { route as gardenShiftsCancel } from './api/garden/shifts/cancel'
import { route as gardenAvailabilityMine } from './api/garden/availability/mine'
import { route as gardenAvailabilitySet } from './api/garden/availability/set'
import { route as gardenRosterGenerate } from './api/garden/roster/generate'
import { route as gardenRosterAssign } from './api/garden/roster/assign'
import { route as gardenRosterRemove } from './api/garden/roster/remove'
import { route as gardenSwapsList } from './api/garden/swaps/list'
import { route as gardenSwapsRequest } from './api/garden/swaps/request'
import { route as gardenSwapsRespond } from './api/garden/swaps/respond'
import { route as gardenSwapsReassign } from './api/garden/swaps/reassign'
import { route as gardenCheckIn } from './api/garden/check-in'
import { route as gardenDone } from './api/garden/done'
import { route as gardenAttendanceMark } from './api/garden/attendance/mark'
import { route as gardenPointsSummary } from './api/garden/points/summary'
import { route as gardenPointsRule } from './api/garden/points/rule'
import { route as gardenPointsAdjust } from './api/garden/points/adjust'
import { route as gardenHarvestsList } from './api/garden/harvests/list'
import { route as gardenHarvestsLog } from './api/garden/harvests/log'
import { route as gardenHarvestsProposal } from './api/garden/harvests/proposal'
import { route as gardenHarvestsDistribute } from './api/garden/harvests/distribute'
import { route as gardenRemindersMine } from './api/garden/reminders/mine'
import { route as gardenRemindersRun } from './api/garden/reminders/run'
import { route as gardenRemindersSubscription } from './api/garden/reminders/subscription'
import { route as gardenRemindersConsent } from './api/garden/reminders/consent'
import { route as gardenRemindersReach } from './api/garden/reminders/reach'
import { route as cronReminders } from './api/cron/reminders'
import { route as gardenDutiesUpdate } from './api/garden/duties/update'
import { route as gardenRewardsCreate } from './api/garden/rewards/create'
import { route as gardenRewardsList } from './api/garden/rewards/list'
import { route as gardenRewardsRedeem } from './api/garden/rewards/redeem'
import { route as gardenRedemptionsHandOver } from './api/garden/redemptions/hand-over'
import { route as gardenRedemptionsCancel } from './api/garden/redemptions/cancel'
import { route as gardenMattersCreate } from './api/garden/matters/create'
import { route as gardenMattersList } from './api/garden/matters/list'
import { route as gardenMattersDetail } from './api/garden/matters/detail'
import { route as gardenMattersVote } from './api/garden/matters/vote'
import { route as gardenMattersHands } from './api/garden/matters/hands'
import { route as gardenMattersRoll } from './api/garden/matters/roll'
import { route as gardenMattersClose } from './api/garden/matters/close'
import { route as gardenMattersLinks } from './api/garden/matters/links'
/**
 * Every route, for the local server, the OpenAPI document and the generated test suites. Kept as a
 * tuple, so each route's own type (method, path, schemas) is what the app's typed client reads
 * (miniapp/src/api/contract.ts); tests/api/registry.test.ts proves every file under functions/api
 * that exports a route is listed here exactly once.
 */
export const routes = [
  health,
  openapi,
  wechatLogin,
  demoLogin,
  demoPersonas,
  me,
  createInvite,
  villageOverview,
  logout,
  signOutOthers,
  signOutPerson,
  villagePeople,
  auditVerify,
  // Micro-factory piecework
  pieceworkWorkshopsList,
  pieceworkWorkshopsCreate,
  pieceworkWorkshopsDetail,
  pieceworkWorkersAdd,
  pieceworkHouseholdsSearch,
  pieceworkProductsCreate,
  pieceworkRatesCreate,
  pieceworkOrdersCreate,
  pieceworkMaterialsMove,
  pieceworkCollectionsCreate,
  pieceworkCollectionsSync,
  pieceworkCollectionsList,
  pieceworkCollectionsCorrect,
  pieceworkTicketsList,
  pieceworkTicketsLookup,
  pieceworkPeriodsCreate,
  pieceworkPeriodsClose,
  pieceworkAdjustmentsCreate,
  pieceworkPaySheet,
  pieceworkPaySheetXlsx,
  pieceworkStatement,
  pieceworkDashboard,
  // Custom-reform land awards
  landYearsCreate,
  landYearsCurrent,
  landYearsList,
  landHistory,
  landNominationsCreate,
  landNominationsReview,
  landNominationsHouseholds,
  landEvidenceUpload,
  landEvidencePhoto,
  landMeetingsCreate,
  landMeetingsOpen,
  landMeetingsClose,
  landMeetingsCheckIn,
  landMeetingsRollCall,
  landMeetingsRoster,
  landMeetingsCancel,
  landMeetingsPostpone,
  landMotionsCreate,
  landMotionsOpen,
  landMotionsClose,
  landMotionsTally,
  landMotionsAudit,
  landVotesCast,
  landVotesMine,
  landVotesAssisted,
  landAssistanceMark,
  landHandsEnter,
  landNoticesPublish,
  landNoticesGet,
  landNoticesPublic,
  landNoticesConfirm,
  landNoticesCorrect,
  landObjectionsFile,
  landObjectionsReply,
  landAllocationsAssign,
  landAllocationsList,
  // Shared garden (共享菜园)
  gardenOverview,
  gardenMembers,
  gardenCalendar,
  gardenBedsList,
  gardenBedsCreate,
  gardenPlantingsCreate,
  gardenBedsCorrect,
  gardenPlantingsCorrect,
  gardenHarvestsCorrect,
  gardenPlace,
  gardenTaskTemplatesCreate,
  gardenDutiesList,
  gardenDutiesCreate,
  gardenShiftsList,
  gardenShiftsCreate,
  gardenShiftsSignUp,
  gardenShiftsWithdraw,
  gardenShiftsCancel,
  gardenAvailabilityMine,
  gardenAvailabilitySet,
  gardenRosterGenerate,
  gardenRosterAssign,
  gardenRosterRemove,
  gardenSwapsList,
  gardenSwapsRequest,
  gardenSwapsRespond,
  gardenSwapsReassign,
  gardenCheckIn,
  gardenDone,
  gardenAttendanceMark,
  gardenPointsSummary,
  gardenPointsRule,
  gardenPointsAdjust,
  gardenHarvestsList,
  gardenHarvestsLog,
  gardenHarvestsProposal,
  gardenHarvestsDistribute,
  gardenRemindersMine,
  gardenRemindersRun,
  gardenRemindersSubscription,
  gardenRemindersConsent,
  gardenRemindersReach,
  cronReminders,
  gardenDutiesUpdate,
  gardenRewardsCreate,
  gardenRewardsList,
  gardenRewardsRedeem,
  gardenRedemptionsHandOver,
  gardenRedemptionsCancel,
  gardenMattersCreate,
  gardenMattersList,
  gardenMattersDetail,
  gardenMattersVote,
  gardenMattersHands,
  gardenMattersRoll,
  gardenMattersClose,
  gardenMattersLinks,
] as const satisfies readonly AnyRoute[]

/** One route of the API, by its own type: the union the typed client picks a path from. */
export type ApiRoute = (typeof routes)[number]
