/** What `virtual:xy-light-schemas` holds, as the classic schemas themselves (for tests without the build). */
import { lightSchemas } from './light-schemas-source'

export const {
  errorBodySchema,
  meSchema,
  sessionResponse,
  demoPersonasResponse,
  inviteCodeSchema,
  okResponse,
  uuidSchema,
  currentYearResponse,
  myAssistedVotesResponse,
  workshopListResponse,
  gardenPlaceResponse,
} = lightSchemas
