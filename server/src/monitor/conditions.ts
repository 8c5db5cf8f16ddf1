// Conditions on decoded arguments, as OpenZeppelin Monitor writes them: `value > 1000000 AND to != 0x…`.
// Comparisons of a named argument with a literal, joined by and/or/not (also &&, ||, !) and parentheses. Numbers
// compare as integers (decimal or hex), everything else as case-insensitive text, so checksummed and lower-case
// addresses are equal. A condition is parsed once, when the monitor is loaded, and is data: nothing is evaluated.
import { MonitorError } from './errors';

export type ArgValue = bigint | string | boolean;
export type Condition = (args: Record<string, ArgValue>) => boolean;

type Token = { kind: 'op' | 'word' | 'str' | 'paren'; text: string; at: number };

const OPS = ['==', '!=', '>=', '<=', '>', '<'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')') out.push({ kind: 'paren', text: c, at: i++ });
    else if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new MonitorError(`condition "${src}": unterminated string at column ${i + 1}`);
      out.push({ kind: 'str', text: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ kind: 'word', text: src[i] === '&' ? 'and' : 'or', at: i });
      i += 2;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (op) {
        out.push({ kind: 'op', text: op, at: i });
        i += op.length;
      } else if (c === '!') {
        out.push({ kind: 'word', text: 'not', at: i++ });
      } else {
        const m = /^[A-Za-z0-9_.$]+/.exec(src.slice(i));
        if (!m) throw new MonitorError(`condition "${src}": unexpected "${c}" at column ${i + 1}`);
        out.push({ kind: 'word', text: m[0], at: i });
        i += m[0].length;
      }
    }
  }
  return out;
}

function literal(t: Token): ArgValue {
  if (t.kind === 'str') return t.text.toLowerCase();
  if (/^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true';
  if (/^0x[0-9a-fA-F]{40}$/.test(t.text)) return t.text.toLowerCase();
  if (/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(t.text)) return BigInt(t.text);
  return t.text.toLowerCase();
}

function compare(a: ArgValue | undefined, op: string, b: ArgValue): boolean {
  if (a === undefined) return false;
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (op === '==') return a === b;
    if (op === '!=') return a !== b;
    if (op === '>') return a > b;
    if (op === '>=') return a >= b;
    if (op === '<') return a < b;
    return a <= b;
  }
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  if (op === '==') return x === y;
  if (op === '!=') return x !== y;
  return false;
}

export function parseCondition(src: string): Condition {
  const tokens = tokenize(src);
  let pos = 0;
  const fail = (what: string): never => {
    const t = tokens[pos];
    throw new MonitorError(`condition "${src}": ${what} ${t ? `at column ${t.at + 1}` : 'at the end'}`);
  };
  const isWord = (w: string) => tokens[pos]?.kind === 'word' && tokens[pos].text.toLowerCase() === w;
  const orExpr = (): Condition => {
    let left = andExpr();
    while (isWord('or')) {
      pos++;
      const l = left;
      const r = andExpr();
      left = (a) => l(a) || r(a);
    }
    return left;
  };
  const andExpr = (): Condition => {
    let left = unary();
    while (isWord('and')) {
      pos++;
      const l = left;
      const r = unary();
      left = (a) => l(a) && r(a);
    }
    return left;
  };
  const unary = (): Condition => {
    if (isWord('not')) {
      pos++;
      const inner = unary();
      return (a) => !inner(a);
    }
    if (tokens[pos]?.text === '(') {
      pos++;
      const inner = orExpr();
      if (tokens[pos]?.text !== ')') fail('expected ")"');
      pos++;
      return inner;
    }
    const name = tokens[pos];
    if (name?.kind !== 'word') return fail('expected an argument name');
    pos++;
    const op = tokens[pos];
    if (op?.kind !== 'op') return fail('expected a comparison (==, !=, >, >=, <, <=)');
    pos++;
    const value = tokens[pos];
    if (!value || (value.kind !== 'word' && value.kind !== 'str')) return fail('expected a value');
    pos++;
    const expected = literal(value);
    return (args) => compare(args[name.text], op.text, expected);
  };
  if (!tokens.length) throw new MonitorError('condition is empty');
  const cond = orExpr();
  if (pos < tokens.length) fail('unexpected text');
  return cond;
}
