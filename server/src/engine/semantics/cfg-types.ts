// The shape of a function's statement-level control-flow graph. Plain data: nodes and edges point at the
// parser's own AST nodes, so a query can go from a graph node back to the code and from code to graph nodes.
import type { Node } from '../pattern/ast';

export type { Node };

export type CfgNodeKind =
  | 'entry'
  | 'exit' // normal end of the function (also where `return`, `selfdestruct` and assembly `return`/`stop` lead)
  | 'revert' // the function reverts: `revert`, `throw`, a failed `require`/`assert`, an uncaught try failure
  | 'statement' // a simple statement: expression, declaration, emit, return, revert, throw, break, continue
  | 'condition' // a branch: if/while/for/do-while condition, or a `require`/`assert`/checking call
  | 'try' // the external call of a try statement
  | 'catch' // the start of one catch clause
  | 'assembly' // inline assembly, never looked into beyond mayExit/mayRevert
  | 'modifier' // a modifier invocation whose definition is unknown
  | 'loop' // the head of a loop that has no condition node of its own (do-while, `for (;;)`)
  | 'opaque'; // a statement of a shape the builder does not know, or a `_` left unexpanded (node budget)

export interface ModifierOrigin {
  invocation: Node; // the ModifierInvocation in the function header
  definition: Node; // the ModifierDefinition whose body the node comes from
}

export interface CfgNode {
  id: number;
  kind: CfgNodeKind;
  /**
   * The code evaluated at this node, never containing another node's statements: the statement itself for a
   * simple statement, the condition expression of an if/loop, the whole `require(..)` statement, the call of a
   * try, the CatchClause of a catch (only its parameters belong to the node), the ModifierInvocation of an
   * unknown modifier. Null for entry, exit, revert and loop heads.
   */
  ast: Node | null;
  /** The source statement the node belongs to (the IfStatement of its condition, the ForStatement of its update). */
  statement: Node | null;
  /** The tested expression, for condition nodes. */
  condition?: Node;
  /** Inside an `unchecked { }` block. */
  unchecked: boolean;
  /** Assembly containing `return` or `stop`: it may leave the function (an edge to exit is added). */
  mayExit?: boolean;
  /** Assembly containing `revert` or `invalid`: it may revert (an edge to the revert exit is added). */
  mayRevert?: boolean;
  /** Set when the node comes from a modifier's body. */
  origin?: ModifierOrigin;
  out: CfgEdge[];
  in: CfgEdge[];
}

export type CfgEdgeKind =
  | 'next' // falls through or jumps unconditionally (break, continue, return, revert)
  | 'true' // the condition holds
  | 'false' // the condition does not hold
  | 'success' // a try call returned
  | 'catch' // a try call failed into this catch clause
  | 'uncaught' // a try call failed and no catch-all clause takes it: the function reverts
  | 'exit'; // assembly that may `return`/`stop`/`revert`

export interface CfgEdge {
  from: CfgNode;
  to: CfgNode;
  kind: CfgEdgeKind;
  /** For 'true'/'false' edges: the expression tested, and whether it holds along this edge. */
  condition?: Node;
  holds?: boolean;
  /** Closes a loop (leads back to its head). */
  back?: boolean;
}

export interface Cfg {
  /** The FunctionDefinition (or ModifierDefinition) the graph was built for. */
  fn: Node;
  nodes: CfgNode[];
  entry: CfgNode;
  exit: CfgNode;
  revert: CfgNode;
  /** Statements and condition expressions to their graph nodes (more than one when a body is expanded for two `_`). */
  byAst: Map<Node, CfgNode[]>;
  /** True when the node budget stopped the expansion of modifiers (some `_` became opaque nodes). */
  truncated: boolean;
}

export interface CfgOptions {
  /** The definition of an invoked modifier; by default one of the same name in `contract`, if given. */
  lookupModifier?: (invocation: Node) => Node | undefined;
  /** The contract whose modifiers the default lookup searches. */
  contract?: Node;
  /**
   * Whether a call reverts unless its argument `index` holds (a checking helper). Such a call becomes a condition
   * node with a 'false' edge to the revert exit. Default: `require`/`assert` and their first argument.
   */
  checksArgument?: (call: Node, index: number) => boolean;
  /** True for a call that never returns normally (a helper that always reverts). */
  alwaysReverts?: (call: Node) => boolean;
  /** Above this many nodes a further `_` is not expanded but left as an opaque node. Default 20,000. */
  maxNodes?: number;
}
