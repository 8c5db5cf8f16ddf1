// A best-effort OWASP Smart Contract Top 10 category for a finding someone described in words (an audit report's
// finding, the record dialog): the first rule whose words appear wins. It is a guess, and callers say so where
// they write it; SC03 (logic errors) when no words match, the category most findings without a named mechanism
// fall into.
import type { OwaspCategory } from '../../shared/types';

// Most specific mechanisms first: "reentrancy in the flash-loan callback" is reentrancy, "stale oracle price" a
// logic error rather than manipulation.
const RULES: Array<[RegExp, OwaspCategory]> = [
  [/re-?entran/i, 'SC05'],
  [/flash[ -]?loan|first deposit|donation attack|inflation attack|share price (can be |is )?(inflated|manipulated)/i, 'SC07'],
  [/stale|outdated price|heartbeat|sequencer/i, 'SC03'],
  [/oracle|spot price|slot0|getReserves|(pair|pool) reserves|priced from|twap|price manipulation|sandwich|slippage/i, 'SC02'],
  [/random|entropy|predictable|prevrandao|blockhash/i, 'SC09'],
  [/overflow|underflow|truncat|downcast|unsafe cast/i, 'SC08'],
  [/denial of service|\bdos\b|block gas limit|unbounded (loop|array)|out of gas|grief|permanently (stuck|locked)|can revert forever/i, 'SC10'],
  [/unchecked (return|call|low-level)|return value|ignor(es|ed|ing) the (return|result)|low-level call|success (flag|value|boolean)/i, 'SC06'],
  [
    /access control|anyone can|unprotected|unrestricted|unauthori[sz]ed|only ?owner|privilege|tx\.origin|signature replay|replay attack|missing (an? )?(auth|owner|role|permission|modifier)/i,
    'SC01',
  ],
  [/validat|sanity check|zero address|bounds check|missing (a )?check|unchecked (input|parameter|argument)/i, 'SC04'],
];

/** The texts in order of weight (a title says what the bug is; the description also how it is exploited). */
export function guessOwasp(...texts: string[]): OwaspCategory {
  for (const words of texts) {
    const hit = RULES.find(([re]) => re.test(words));
    if (hit) return hit[1];
  }
  return 'SC03';
}
