/** What `virtual:xy-light-schemas` holds, as the classic schemas themselves (for tests without the build). */
import { lightSchemas } from './light-schemas-source'

export default lightSchemas
