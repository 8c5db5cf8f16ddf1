// The one engine: the CLI, the language server and the tests import from here.
export * from './types';
export * from './finding';
export { compileFinding } from './compile';
export { scanSource } from './scan';
export { applyEdits } from './edits';
