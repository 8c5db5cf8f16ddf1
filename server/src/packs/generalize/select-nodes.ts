// Which code the selection stands for: a reviewer selects loosely (part of a line, a name, the cursor only), and
// the pattern must be built from whole syntax — statements, one expression, one member or state variable.
import { endOf, MEMBER_TYPES, pathTo, startOf, type AstNode } from './ast';
import type { GeneralizedKind } from './types';

const STATEMENT_TYPES = new Set([
  'ExpressionStatement',
  'VariableDeclarationStatement',
  'IfStatement',
  'ForStatement',
  'WhileStatement',
  'DoWhileStatement',
  'ReturnStatement',
  'EmitStatement',
  'RevertStatement',
  'Block',
  'UncheckedStatement',
  'TryStatement',
  'BreakStatement',
  'ContinueStatement',
  'ThrowStatement',
  'InlineAssemblyStatement',
]);

export interface SelectedNodes {
  nodes: AstNode[];
  kind: GeneralizedKind;
  contract: AstNode | undefined;
  /** The function, modifier or other member the selection is in. */
  member: AstNode | undefined;
}

/** The nodes that [s, e) (trimmed of whitespace; empty at the cursor) stands for, or what to select instead. */
export function selectNodes(ast: AstNode, s: number, e: number): SelectedNodes | { error: string } {
  const empty = s === e;
  const chain = pathTo(ast, s, Math.max(e, s + (empty ? 0 : 1)));
  const contract = chain.find((n) => n.type === 'ContractDefinition');
  const member = chain.find((n) => MEMBER_TYPES.has(n.type));
  const inner = chain[chain.length - 1];
  const bodyIndex = chain.findIndex((n) => n.type === 'Block' && member && chain.indexOf(member) < chain.indexOf(n));

  let nodes: AstNode[] = [];
  let kind: GeneralizedKind;
  if (bodyIndex >= 0) {
    // Inside a function body: statements, or an expression within one statement.
    const innerIdx = chain.length - 1;
    const block = [...chain].reverse().find((n) => n.type === 'Block' || n.type === 'UncheckedStatement');
    const blockIdx = chain.lastIndexOf(block!);
    const stmts = (block!.type === 'UncheckedStatement' ? ((block!.block as AstNode).statements as AstNode[]) : (block!.statements as AstNode[])) ?? [];
    if (blockIdx === innerIdx || (block!.type === 'UncheckedStatement' && blockIdx === innerIdx - 1 && inner.type === 'Block')) {
      nodes = stmts.filter((st) => st && endOf(st) > s && startOf(st) < Math.max(e, s + 1));
      if (!nodes.length && empty) return { error: 'Put the cursor on a statement, or select the vulnerable code.' };
      if (!nodes.length) return { error: 'The selection holds no statement.' };
      kind = 'statements';
    } else {
      const stmt = chain[blockIdx + 1];
      const wholeStatement = empty || (s <= startOf(stmt) && e >= endOf(stmt) - 1) || (stmt.type !== 'ExpressionStatement' && !isExpression(inner));
      let expr = [...chain.slice(blockIdx + 2)].reverse().find(isExpression);
      if (expr) expr = widenExpression(chain, expr);
      if (wholeStatement || !expr || (stmt.type === 'ExpressionStatement' && stmt.expression === expr)) {
        nodes = [stmt];
        kind = 'statements';
      } else {
        nodes = [expr];
        kind = 'expression';
      }
    }
  } else if (member) {
    nodes = [member];
    kind = 'member';
  } else if (contract) {
    const inContract = ((contract.subNodes as AstNode[]) ?? []).filter((m) => endOf(m) > s && startOf(m) < Math.max(e, s + 1));
    if (inContract.length === 1 && inContract[0].type === 'StateVariableDeclaration') {
      nodes = inContract;
      kind = 'state-variable';
    } else if (inContract.length === 1 && MEMBER_TYPES.has(inContract[0].type)) {
      nodes = inContract;
      kind = 'member';
    } else {
      return { error: 'Select statements or an expression inside a function, or one function, modifier or state variable.' };
    }
  } else {
    return { error: 'Select code inside a contract.' };
  }
  return { nodes, kind, contract, member };
}

function isExpression(n: AstNode): boolean {
  return (
    !STATEMENT_TYPES.has(n.type) &&
    !MEMBER_TYPES.has(n.type) &&
    n.type !== 'VariableDeclaration' &&
    n.type !== 'NameValueList' &&
    !/TypeName$|^Mapping$/.test(n.type)
  );
}

/**
 * A lone name or a callee is too little to be a useful pattern: selecting `transfer` in `t.transfer(a, b)` means
 * the call, and selecting `x` means the expression around it.
 */
function widenExpression(chain: AstNode[], expr: AstNode): AstNode {
  let i = chain.indexOf(expr);
  while (i > 0) {
    const n = chain[i];
    const parent = chain[i - 1];
    const leaf = n.type === 'Identifier' || /Literal$/.test(n.type);
    const callee = (parent.type === 'FunctionCall' && parent.expression === n) || parent.type === 'NameValueExpression';
    if ((leaf || callee || (n.type === 'MemberAccess' && parent.type === 'FunctionCall')) && isExpression(parent)) i--;
    else break;
  }
  return chain[i];
}
