// In-memory projects for the semantic model's tests: files by absolute path, and finders for nodes by text.
import { SemanticProject, type Declaration, type SemanticModel, type SolType } from '../../server/src/engine/semantics';
import type { Node } from '../../server/src/engine/pattern/ast';
import { isNode } from '../../server/src/engine/pattern/ast';

export function project(files: Record<string, string>, options: { root?: string; remappings?: string[] } = {}): SemanticProject {
  const host = { readFile: (p: string) => files[p] };
  return new SemanticProject({ host, root: options.root ?? '/p', remappings: options.remappings });
}

export function modelOf(files: Record<string, string>, main: string, options: { root?: string; remappings?: string[] } = {}): SemanticModel {
  return project(files, options).model(main);
}

/** Every node of the tree, depth first. */
export function allNodes(root: unknown): Node[] {
  const out: Node[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (isNode(v)) {
      out.push(v);
      for (const [k, x] of Object.entries(v)) if (k !== 'range' && k !== 'loc') walk(x);
    }
  };
  walk(root);
  return out;
}

/** A finder for any node of a parsed file by its exact text (the n-th such, from 0). */
export function nodesByText(ast: unknown, source: string): (text: string, n?: number) => Node {
  const nodes = allNodes(ast);
  return (text, n = 0) => {
    const hits = nodes.filter((x) => x.range && source.slice(x.range[0], x.range[1] + 1) === text);
    if (!hits[n]) throw new Error(`no node "${text}" #${n}`);
    return hits[n];
  };
}

/** The node of `type` whose text is `text` (the n-th such, from 0), in the model's own file. */
export function find(m: SemanticModel, type: string, text: string, n = 0): Node {
  const src = m.project.text(m.file)!;
  const hits = allNodes(m.ast).filter((x) => x.type === type && x.range && src.slice(x.range[0], x.range[1] + 1) === text);
  if (!hits[n]) throw new Error(`no ${type} "${text}" #${n} in ${m.file}`);
  return hits[n];
}

/** Where a declaration is: `file:contract.name` for easy comparison. */
export function where(d: { kind: string; name: string; file?: string; contract?: { name: string } } | undefined): string {
  if (!d) return 'undefined';
  if (d.kind === 'builtin') return `builtin:${d.name}`;
  return `${d.kind}:${d.file?.split('/').pop()}:${d.contract ? d.contract.name + '.' : ''}${d.name}`;
}

/** A declaration as a comparable string: kind, name, file and where its node is. */
export function declKey(d: Declaration | undefined): string {
  if (!d) return '-';
  if (d.kind === 'builtin') return `builtin:${d.name}`;
  return `${d.kind}:${d.name}:${d.file}:${d.node.type}@${d.node.range?.join('-')}`;
}

/** A type as a comparable string, the declarations in it by declKey. */
export function typeKey(t: SolType): string {
  return JSON.stringify(t, (_k, v) => (v && typeof v === 'object' && 'node' in v && 'file' in v && v.kind !== 'builtin' ? declKey(v as Declaration) : v));
}
