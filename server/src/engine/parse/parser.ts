// The Solidity parser the engine uses: the two-stage parser of parse-two-stage.ts, loaded on first use. Loading it
// (ANTLR's runtime, the package's generated parser and its own bundle, their ATNs) is a good part of a start, and
// a language server whose files all come from its on-disk cache (a restart) never parses at all.
import type * as TwoStage from './two-stage';

export type { ParseOptions, ParseResult, SyntaxErrorItem } from './two-stage';

let loaded: typeof TwoStage | undefined;

function twoStage(): typeof TwoStage {
  // A literal path, resolved (and bundled) at build time: nothing here turns text into code.
  return (loaded ??= require('./two-stage') as typeof TwoStage);
}

export const parse: typeof TwoStage.parse = (text, options) => twoStage().parse(text, options);
export const parseFast: typeof TwoStage.parseFast = (text, options) => twoStage().parseFast(text, options);
export const parseOrDiagnose: typeof TwoStage.parseOrDiagnose = (text, options) => twoStage().parseOrDiagnose(text, options);
