// The layer rule (`npm run lint:deps`): the folders of server/src are layers, each importing only from the layers
// below it, and the VS Code client imports only server/src/shared. See ARCHITECTURE.md.
// The parser is swc: TypeScript 7 (the native compiler) has no JavaScript API for dependency-cruiser's tsc parser.

/** server/src's layers, lowest first. A layer may import the ones before it, never the ones after. */
const LAYERS = ['shared', 'engine', 'packs', 'project', 'report', 'audit', 'learn', 'monitor', 'lsp', 'cli'];
/** Exceptions to "only downward": the CLI starts the language server. */
const ALLOWED_SIDEWAYS = { cli: ['lsp'] };
const WHY = 'layers import only downward, see ARCHITECTURE.md';

const inLayer = (layer) => `^server/src/${layer}/`;
const anyLayer = `^server/src/(${LAYERS.join('|')})/`;

const layerRules = LAYERS.flatMap((from, i) =>
  LAYERS.slice(i + 1)
    .filter((to) => !(ALLOWED_SIDEWAYS[from] ?? []).includes(to))
    .map((to) => ({
      name: `layer-${from}-not-${to}`,
      comment: `${from} must not import ${to}: ${WHY}`,
      severity: 'error',
      from: { path: inLayer(from) },
      to: { path: inLayer(to) },
    })),
);

module.exports = {
  forbidden: [
    ...layerRules,
    // The client asks, the server works: the client imports the protocol and settings, never the engine.
    ...LAYERS.slice(1).map((to) => ({
      name: `layer-client-not-${to}`,
      comment: `client must not import server/src/${to}: the client imports only server/src/shared; ${WHY}`,
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: inLayer(to) },
    })),
    {
      name: 'layer-server-not-client',
      comment: `server must not import client: the client is the top layer (${WHY})`,
      severity: 'error',
      from: { path: '^server/src/' },
      to: { path: '^client/' },
    },
    {
      name: 'layer-unknown',
      comment: `every file under server/src belongs to a layer folder (${LAYERS.join(', ')}): ${WHY}`,
      severity: 'error',
      from: { path: '^server/src/', pathNot: anyLayer },
      to: {},
    },
    {
      name: 'layer-unknown-target',
      comment: `every file under server/src belongs to a layer folder (${LAYERS.join(', ')}): ${WHY}`,
      severity: 'error',
      from: {},
      to: { path: '^server/src/', pathNot: anyLayer },
    },
    {
      name: 'no-circular',
      comment: 'no circular imports, type-only imports included: a cycle ties its modules into one (see ARCHITECTURE.md)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-from-product',
      comment: 'product code must not import test code (test/ or *.test.ts)',
      severity: 'error',
      from: { path: '^(server|client)/src/' },
      to: { path: '(^test/|\\.(test|spec)\\.[cm]?[jt]s$)' },
    },
  ],
  options: {
    parser: 'swc',
    // swc reports `import type` like any import, so type-only imports count for layers and cycles alike.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default', 'types'],
      mainFields: ['main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
