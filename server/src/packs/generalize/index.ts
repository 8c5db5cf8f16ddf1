// "Record finding from selection": turn the code a reviewer selected into a pattern, count where it matches,
// and write it into a workspace pack with the selection as its first test case. Callers import only this
// index; the modules behind it may change.
export { appendFindingToPack, LOCAL_PACK_DIR, type AppendResult, type RecordedTestCase } from './append-to-pack';
export { countMatches, previewFinding, type MatchCount } from './count-matches';
export { generalizeSelection } from './generalize-selection';
export { nextFindingId, recordedFinding, type RecordInput } from './recorded-finding';
export { guessOwasp } from './owasp-guess';
export { annotateMatches, buildTestCase } from './test-case';
export type { GeneralizedKind, GeneralizedPattern, GeneralizeResult, Metavariable } from './types';
