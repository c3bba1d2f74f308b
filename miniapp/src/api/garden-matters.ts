import {
  createdResponse,
  matterBallotResponse,
  matterDecisionResponse,
  matterDetailResponse,
  matterHandsResponse,
  matterLinksResponse,
  matterRollResponse,
  mattersResponse,
  type Electorate,
  type MatterKind,
  type MatterThreshold,
} from '@shared/garden'
import { request } from './request'

export const fetchMatters = (villageId: string) => request({ path: '/api/garden/matters/list', query: { villageId }, schema: mattersResponse })
export const fetchMatter = (villageId: string, matterId: string) => request({ path: '/api/garden/matters/detail', query: { villageId, matterId }, schema: matterDetailResponse })
export const fetchMatterRoll = (villageId: string, matterId: string) => request({ path: '/api/garden/matters/roll', query: { villageId, matterId }, schema: matterRollResponse })
export const fetchDecisionsFor = (villageId: string, subjectId: string) => request({ path: '/api/garden/matters/links', query: { villageId, subjectId }, schema: matterLinksResponse })

export interface NewMatter {
  title: string
  body: string
  kind: MatterKind
  options: string[]
  electorate: Electorate
  threshold: MatterThreshold
  opensAt: string
  closesAt: string
  pausesDutyId?: string
}

export const createMatter = (villageId: string, matter: NewMatter) =>
  request({ path: '/api/garden/matters/create', method: 'POST', body: { villageId, ...matter }, schema: createdResponse })
// A ballot is an upsert by nature: sending it twice leaves one ballot with the same choice.
export const castMatterBallot = (villageId: string, matterId: string, choice: string) =>
  request({ path: '/api/garden/matters/vote', method: 'POST', body: { villageId, matterId, choice }, schema: matterBallotResponse, idempotencyKey: false })
export const enterMatterHands = (villageId: string, matterId: string, presentKeys: string[], hands: Record<string, number>) =>
  request({ path: '/api/garden/matters/hands', method: 'POST', body: { villageId, matterId, presentKeys, hands }, schema: matterHandsResponse })
export const closeMatter = (villageId: string, matterId: string) =>
  request({ path: '/api/garden/matters/close', method: 'POST', body: { villageId, matterId }, schema: matterDecisionResponse })
