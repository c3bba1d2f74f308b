import {
  createdResponse,
  matterBallotResponse,
  matterDecisionResponse,
  matterDetailResponse,
  matterHandsResponse,
  matterLinksResponse,
  matterRollResponse,
  mattersResponse,
} from '@shared/garden'
import { get, post, type BodyOf } from './contract'

export const fetchMatters = (villageId: string) => get('/api/garden/matters/list', { query: { villageId }, schema: mattersResponse })
export const fetchMatter = (villageId: string, matterId: string) =>
  get('/api/garden/matters/detail', { query: { villageId, matterId }, schema: matterDetailResponse })
export const fetchMatterRoll = (villageId: string, matterId: string) =>
  get('/api/garden/matters/roll', { query: { villageId, matterId }, schema: matterRollResponse })
export const fetchDecisionsFor = (villageId: string, subjectId: string) =>
  get('/api/garden/matters/links', { query: { villageId, subjectId }, schema: matterLinksResponse })

export type NewMatter = Omit<BodyOf<'/api/garden/matters/create'>, 'villageId'>

export const createMatter = (villageId: string, matter: NewMatter) =>
  post('/api/garden/matters/create', { body: { villageId, ...matter }, schema: createdResponse })
// A ballot is an upsert by nature: sending it twice leaves one ballot with the same choice.
export const castMatterBallot = (villageId: string, matterId: string, choice: string) =>
  post('/api/garden/matters/vote', { body: { villageId, matterId, choice }, schema: matterBallotResponse, idempotencyKey: false })
export const enterMatterHands = (villageId: string, matterId: string, presentKeys: string[], hands: Record<string, number>) =>
  post('/api/garden/matters/hands', { body: { villageId, matterId, presentKeys, hands }, schema: matterHandsResponse })
export const closeMatter = (villageId: string, matterId: string) =>
  post('/api/garden/matters/close', { body: { villageId, matterId }, schema: matterDecisionResponse })
