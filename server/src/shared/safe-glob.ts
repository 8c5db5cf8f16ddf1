// Glob matching that a hostile repository cannot stall. picomatch compiles globs into backtracking JS
// regexes: `*a*a*a*a*b` from a committed .hindsight/config.yaml took seconds per path, minutes with more stars.
// We keep picomatch's glob syntax and translation, drop the lookarounds it adds to refuse `.`/`..` segments
// (our paths are normalised relative paths, which never contain them), and run the result on re2js, whose
// matching time is linear in the path.
import picomatch from 'picomatch';
import { RE2JS } from 're2js';

export type GlobTest = (path: string) => boolean;

const MAX_GLOB_LENGTH = 1024;
const OPTIONS = { dot: true, noextglob: true } as const;
const LOOKAROUNDS = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];

/** One glob as a linear-time test, or why it cannot be used. A leading `!` negates, as in picomatch. */
export function compileGlob(glob: string): GlobTest | { error: string } {
  if (glob.length > MAX_GLOB_LENGTH) return { error: `glob longer than ${MAX_GLOB_LENGTH} characters` };
  const negated = glob.startsWith('!') && !glob.startsWith('!(');
  const body = negated ? glob.slice(1) : glob;
  let source: string;
  try {
    source = picomatch.makeRe(body, OPTIONS).source;
  } catch (err) {
    return { error: `invalid glob: ${(err as Error).message}` };
  }
  for (const l of LOOKAROUNDS) source = source.split(l).join('');
  try {
    const re = RE2JS.compile(source);
    return negated ? (p) => !re.matches(p) : (p) => re.matches(p);
  } catch {
    return { error: 'glob uses syntax that cannot be matched in linear time' };
  }
}

/** True when any of the globs matches (picomatch's list semantics). Unusable globs match nothing. */
export function globTest(globs: readonly string[]): GlobTest {
  const tests: GlobTest[] = [];
  for (const g of globs) {
    const t = compileGlob(g);
    if (typeof t === 'function') tests.push(t);
  }
  if (tests.length === 0) return () => false;
  return (p) => tests.some((t) => t(p));
}
