import { defineFuzzSuite } from './lib/fuzz-suite'

await defineFuzzSuite('garden')
