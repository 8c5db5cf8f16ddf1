// From a selection to a proposed pattern: widen it to whole syntax (select-nodes.ts), tell anchors from slots
// (anchors.ts), turn slots into metavariables (metavariables.ts) and strip comments (tidy-pattern.ts).
import type { Range } from '../../engine';
import { parseSource, type ParsedSource } from '../../engine/parse';
import { collectSlots } from './anchors';
import { endOf, startOf, type AstNode } from './ast';
import { assignMetavariables } from './metavariables';
import { collectScope } from './scope';
import { selectNodes } from './select-nodes';
import { tidyPattern } from './tidy-pattern';
import type { GeneralizeResult } from './types';

/**
 * Proposes a pattern for the selected code. `selection` may be empty (the cursor): then the statement under the
 * cursor is used. Never throws: a selection that cannot become a pattern returns `{ error }` saying what to select.
 */
export function generalizeSelection(fileText: string, selection: Range, parsed: ParsedSource = parseSource(fileText)): GeneralizeResult {
  const ast = parsed.ast as unknown as AstNode | null;
  if (!ast) return { error: 'The file could not be parsed; fix its syntax errors and try again.' };
  const lines = parsed.lines;
  let s = lines.offset(selection.start);
  let e = lines.offset(selection.end);
  if (e < s) [s, e] = [e, s];
  while (s < e && /\s/.test(fileText[s])) s++;
  while (e > s && /\s/.test(fileText[e - 1])) e--;
  const selected = selectNodes(ast, s, e);
  if ('error' in selected) return selected;
  const { nodes, kind, contract, member } = selected;

  const from = startOf(nodes[0]);
  const to = endOf(nodes[nodes.length - 1]);
  const enclosingFn = kind === 'member' ? nodes[0] : member;
  const scope = collectScope(ast, contract);
  const { text, metavariables, kept } = assignMetavariables(fileText, from, to, collectSlots(fileText, nodes, kind, scope));
  const fnName = enclosingFn ? fnNameOf(enclosingFn) : '';
  return {
    pattern: tidyPattern(text, fileText, from),
    kind,
    metavariables,
    kept,
    range: lines.range(from, to),
    exact: tidyPattern(fileText.slice(from, to), fileText, from),
    contract: (contract?.name as string) ?? '',
    function: fnName,
  };
}

function fnNameOf(n: AstNode): string {
  if (n.type !== 'FunctionDefinition') return (n.name as string) ?? '';
  if (n.isConstructor) return 'constructor';
  if (n.isReceiveEther) return 'receive';
  if (n.isFallback) return 'fallback';
  return (n.name as string) ?? '';
}
