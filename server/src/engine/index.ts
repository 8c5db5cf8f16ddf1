// The one engine: the CLI, the language server and the tests import from here.
export * from './types';
export * from './finding';
export { compileFinding, definitionOf } from './compile';
export { scanSource, scanParsed, type ScanOptions } from './scan';
export { UnitMemory } from './scan-units';
export { applyEdits } from './edits';
export { fixAllText, fixApplies, type FixAllResult, type FixKindChoice } from './fix-all';
export { fingerprint, normaliseCode } from './fingerprint';
