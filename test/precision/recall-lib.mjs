// Labelling, rule mapping and scoring for test/precision/recall.mjs: what each file of a public, labelled collection of
// vulnerable contracts is expected to contain, which Hindsight findings count as having found it, and the per-category
// tables. Pure functions over plain data, plus the three functions that walk a checked-out collection; no process is
// started here, so test/unit/precision-recall.test.ts can run all of it on a synthetic folder.
//
// Nothing from the collections is copied into this repository: only their folder and file names appear below, as keys.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
export const isMediumPlus = (severity) => ['critical', 'high', 'medium'].includes(severity);

/** Lines either side of a labelled line that still count as "at the line". */
export const LINE_SLACK = 2;

// ---------------------------------------------------------------------------------------------------------------------
// Rule specs. A category is "found" in a file when the file has a finding whose SWC reference is in `swc`, whose pack
// category is in `categories`, or whose id is in `findings`. SWC references and categories come from the rule catalogue
// the CLI reports (SARIF rules: tags), so a new finding that references the right SWC id or category counts without
// touching this table. Ids are listed only where the SWC id or the category would be too broad (e.g. "oracle" covers
// both staleness and price manipulation). A category none of whose specs matches a loaded rule is "no rule".
//
// `visible`: could a source-level rule see this bug in this kind of file at all (our judgement, used for the
// DeFiVulnLabs target "≥80% of files whose bug a source-level rule can see")? false for bugs that are business logic,
// a property of deployed state or a third-party contract, or demonstrations without vulnerable code.
// ---------------------------------------------------------------------------------------------------------------------
export const CATEGORY_RULES = {
  reentrancy: { title: 'Reentrancy', swc: ['SWC-107'], categories: ['reentrancy'], visible: true },
  'integer-overflow': { title: 'Integer overflow (before 0.8)', swc: ['SWC-101'], categories: ['arithmetic'], visible: true },
  randomness: { title: 'Weak randomness', swc: ['SWC-120'], visible: true },
  'dos-failed-call': { title: 'DoS with a failed call', swc: ['SWC-113'], visible: true },
  'dos-gas-limit': { title: 'DoS with the block gas limit', swc: ['SWC-128'], visible: true },
  'denial-of-service': { title: 'Denial of service', swc: ['SWC-113', 'SWC-128'], visible: true },
  'strict-balance': { title: 'Strict equality on the ETH balance (forced ether)', swc: ['SWC-132'], visible: true },
  'unchecked-call': { title: 'Unchecked call return value', swc: ['SWC-104'], visible: true },
  'unchecked-token-return': { title: 'Token transfer return value', swc: ['SWC-104'], findings: ['HS-TOKEN-007'], visible: true },
  'unprotected-function': { title: 'Missing access control', swc: ['SWC-105', 'SWC-106'], visible: true },
  // The misnamed constructor is an ordinary public function that sets the owner: HS-ACCESS-007 reports exactly that.
  'wrong-constructor': { title: 'Wrong constructor name', swc: ['SWC-118'], findings: ['HS-ACCESS-007'], visible: true },
  shadowing: { title: 'State variable shadowing', swc: ['SWC-119'], visible: true },
  'front-running': { title: 'Transaction order dependence', swc: ['SWC-114'], visible: true },
  'tx-origin': { title: 'tx.origin authorisation', swc: ['SWC-115'], visible: true },
  // DeFiVulnLabs' Delegatecall.sol is a proxy whose owner sits in the slot its logic writes: HS-UPG-007's bug.
  delegatecall: { title: 'Unsafe delegatecall', swc: ['SWC-112'], findings: ['HS-UPG-007'], visible: true },
  'arbitrary-call': { title: 'Arbitrary call (call injection)', findings: ['HS-CALL-006'], visible: true },
  'signature-replay': { title: 'Signature replay', swc: ['SWC-121'], visible: true },
  'ecrecover-zero': { title: 'ecrecover returning address(0)', swc: ['SWC-122'], findings: ['HS-SIG-001'], visible: true },
  'hash-collision': { title: 'abi.encodePacked hash collision', swc: ['SWC-133'], visible: true },
  'oracle-stale': {
    title: 'Oracle stale price',
    findings: ['HS-ORACLE-001', 'HS-ORACLE-002', 'HS-ORACLE-003', 'HS-ORACLE-004', 'HS-ORACLE-005'],
    visible: true,
  },
  'price-manipulation': { title: 'Spot price manipulation', findings: ['HS-ORACLE-006', 'HS-ORACLE-007'], visible: true },
  slippage: { title: 'Slippage and deadline', categories: ['slippage'], visible: true },
  'precision-loss': { title: 'Precision loss (rounding, divide before multiply)', findings: ['HS-MATH-001', 'HS-MATH-003'], visible: true },
  downcast: { title: 'Unsafe downcast', findings: ['HS-MATH-002'], visible: true },
  'first-deposit': { title: 'First-depositor share inflation', findings: ['HS-MATH-004'], visible: true },
  'fee-on-transfer': { title: 'Fee-on-transfer tokens', findings: ['HS-TOKEN-005'], visible: true },
  'msg-value-loop': { title: 'msg.value reused in a loop', findings: ['HS-CALL-004', 'HS-CALL-005'], visible: true },
  'contract-check': { title: 'Contract check bypass (code size)', findings: ['HS-ACCESS-008', 'HS-ACCESS-009'], visible: true },
  'eth-transfer-stipend': { title: 'transfer/send 2300-gas stipend', swc: ['SWC-134'], visible: true },
  'uninitialized-proxy': {
    title: 'Uninitialised implementation behind a proxy',
    categories: ['upgradeability'],
    findings: ['HS-ACCESS-003', 'HS-ACCESS-004'],
    visible: true,
  },
  // Source-visible classes, with the findings that cover them (HS-STORAGE-*: storage layout and data location).
  'storage-collision': { title: 'Proxy storage collision', findings: ['HS-UPG-007'], visible: true },
  'array-deletion': { title: 'Array element deleted without compaction', findings: ['HS-STORAGE-004'], visible: true },
  'struct-deletion': { title: 'Struct with a mapping deleted', findings: ['HS-STORAGE-003'], visible: true },
  'assembly-backdoor': { title: 'Storage written from inline assembly (backdoor)', findings: ['HS-ACCESS-014'], visible: true },
  'storage-vs-memory': { title: 'Storage copied to memory and modified', findings: ['HS-STORAGE-002'], visible: true },
  'dirty-bytes': { title: 'Dirty bytes copied to storage (compiler bug)', visible: true },
  'flashloan-initiator': { title: 'Flash-loan callback without an initiator check', findings: ['HS-ACCESS-012'], visible: true },
  'transient-storage': { title: 'Transient storage misuse', findings: ['HS-TRANSIENT-001', 'HS-TRANSIENT-002'], visible: true },
  'tx-gasprice': { title: 'tx.gasprice used in a computation', findings: ['HS-GAS-001'], visible: true },
  'phantom-permit': { title: 'permit on a token that may not implement it', visible: true },
  'incorrect-interface': { title: 'Interface signature differs from the implementation', visible: true },
  'private-data': { title: 'Private data on chain', findings: ['HS-PRIVACY-001'], visible: true },
  // Not visible to a source-level rule.
  'approval-scam': { title: 'Approval phishing (user action)', visible: false },
  'forced-ether': { title: 'Forced ether (demonstration, no vulnerable code)', visible: false },
  'assert-invariant': { title: 'Invariant broken (assert)', visible: false },
  'exposed-metadata': { title: 'NFT metadata exposed before mint', visible: false },
  'business-logic': { title: 'Business logic', visible: false },
  'third-party': { title: 'Bug in a third-party contract (exploit test only)', visible: false },
  // Four of the six honeypots hide their trap in source: shadowed owner, storage pointer, balance test, var type.
  honeypot: {
    title: 'Honeypot (trap against the caller)',
    categories: ['honeypot'],
    findings: ['HS-SHADOW-001', 'HS-STORAGE-001'],
    visible: false,
  },
  unmapped: { title: 'Not in the mapping table (add it to recall-lib.mjs)', visible: false },
};

// SWC registry: the category of a test case is its SWC id (from the .yaml metadata); the spec is "references that SWC
// id", plus the extras below. Titles are the registry's class names.
export const SWC_TITLES = {
  'SWC-100': 'Function default visibility',
  'SWC-101': 'Integer overflow and underflow',
  'SWC-102': 'Outdated compiler version',
  'SWC-103': 'Floating pragma',
  'SWC-104': 'Unchecked call return value',
  'SWC-105': 'Unprotected ether withdrawal',
  'SWC-106': 'Unprotected SELFDESTRUCT',
  'SWC-107': 'Reentrancy',
  'SWC-108': 'State variable default visibility',
  'SWC-109': 'Uninitialized storage pointer',
  'SWC-110': 'Assert violation',
  'SWC-111': 'Deprecated Solidity functions',
  'SWC-112': 'Delegatecall to untrusted callee',
  'SWC-113': 'DoS with failed call',
  'SWC-114': 'Transaction order dependence',
  'SWC-115': 'Authorization through tx.origin',
  'SWC-116': 'Block values as a proxy for time',
  'SWC-117': 'Signature malleability',
  'SWC-118': 'Incorrect constructor name',
  'SWC-119': 'Shadowing state variables',
  'SWC-120': 'Weak randomness from chain attributes',
  'SWC-121': 'Signature replay',
  'SWC-122': 'Lack of proper signature verification',
  'SWC-123': 'Requirement violation',
  'SWC-124': 'Write to arbitrary storage location',
  'SWC-125': 'Incorrect inheritance order',
  'SWC-126': 'Insufficient gas griefing',
  'SWC-127': 'Arbitrary jump with function type variable',
  'SWC-128': 'DoS with block gas limit',
  'SWC-129': 'Typographical error',
  'SWC-130': 'Right-to-left override character',
  'SWC-131': 'Unused variables',
  'SWC-132': 'Unexpected ether balance',
  'SWC-133': 'Hash collision with variable-length arguments',
  'SWC-134': 'Hard-coded gas amount',
  'SWC-135': 'Code with no effects',
  'SWC-136': 'Unencrypted private data on chain',
};
export const SWC_EXTRA = {
  'SWC-101': { categories: ['arithmetic'] },
  'SWC-107': { categories: ['reentrancy'] },
  'SWC-111': { categories: ['deprecated'] },
  'SWC-118': { findings: ['HS-ACCESS-007'] },
};
export function swcSpec(swcId) {
  const extra = SWC_EXTRA[swcId] ?? {};
  return { title: SWC_TITLES[swcId] ?? swcId, swc: [swcId], categories: extra.categories ?? [], findings: extra.findings ?? [], visible: true };
}

// crytic/not-so-smart-contracts: the category is the top folder. Files that are not the vulnerable code are left out.
export const NSSC_FOLDERS = {
  bad_randomness: 'randomness',
  denial_of_service: 'denial-of-service',
  forced_ether_reception: 'strict-balance',
  honeypots: 'honeypot',
  incorrect_interface: 'incorrect-interface',
  integer_overflow: 'integer-overflow',
  race_condition: 'front-running',
  reentrancy: 'reentrancy',
  unchecked_external_call: 'unchecked-call',
  unprotected_function: 'unprotected-function',
  'variable shadowing': 'shadowing',
  wrong_constructor_name: 'wrong-constructor',
};
export const NSSC_EXCLUDED = {
  'reentrancy/ReentrancyExploit.sol': 'the attacker contract of the example',
  'reentrancy/SpankChain_source_code/SpankChain.sol': 'the token, not vulnerable (says the folder README)',
};

// SunWeb3Sec/DeFiVulnLabs: each src/test/<Name>.sol is one bug class.
export const DVL_FILES = {
  'ApproveScam.sol': 'approval-scam',
  'Array-deletion.sol': 'array-deletion',
  'Backdoor-assembly.sol': 'assembly-backdoor',
  'Bypasscontract.sol': 'contract-check',
  'DOS.sol': 'dos-failed-call',
  'DataLocation.sol': 'storage-vs-memory',
  'Delegatecall.sol': 'delegatecall',
  'Dirtybytes.sol': 'dirty-bytes',
  'Divmultiply.sol': 'precision-loss',
  'ERC777-reentrancy.sol': 'reentrancy',
  'Flashloan-flaw.sol': 'flashloan-initiator',
  'Hash-collisions.sol': 'hash-collision',
  'Immunefi_ch1.sol': 'msg-value-loop',
  'Immunefi_ch2.sol': 'storage-collision',
  'Incorrect_sanity_checks.sol': 'business-logic',
  'Invariant.sol': 'assert-invariant',
  'NFT-transfer.sol': 'unprotected-function',
  'NFTMint_exposedMetadata.sol': 'exposed-metadata',
  'Oracle-stale.sol': 'oracle-stale',
  'Overflow.sol': 'integer-overflow',
  'Overflow2.sol': 'integer-overflow',
  'Precision-loss.sol': 'precision-loss',
  'Price_manipulation.sol': 'price-manipulation',
  'Privatedata.sol': 'private-data',
  'Randomness.sol': 'randomness',
  'ReadOnlyReentrancy.sol': 'reentrancy',
  'Reentrancy.sol': 'reentrancy',
  'Returnfalse.sol': 'unchecked-token-return',
  'Returnvalue.sol': 'unchecked-token-return',
  'Selfdestruct.sol': 'strict-balance',
  'Selfdestruct2.sol': 'forced-ether',
  'SenseFinance_exp.sol': 'third-party', // the missing check is in the deployed Sense contract; the file only calls it
  'SignatureReplay.sol': 'signature-replay',
  'SignatureReplayNBA.sol': 'signature-replay',
  'Slippage-deadline.sol': 'slippage',
  'Storage-collision-audio.sol': 'storage-collision',
  'Storage-collision.sol': 'storage-collision',
  'Struct-deletion.sol': 'struct-deletion',
  'TransientStorageMisuse.t.sol': 'transient-storage',
  'Uninitialized_variables.sol': 'uninitialized-proxy',
  'UniswapV3ETHRefundExploit.sol': 'third-party',
  'Unprotected-callback.sol': 'reentrancy',
  'UnsafeCall.sol': 'arbitrary-call',
  'Visibility.sol': 'unprotected-function',
  'ecrecover.sol': 'ecrecover-zero',
  'empty-loop.sol': 'business-logic',
  'fee-on-transfer.sol': 'fee-on-transfer',
  'first-deposit.sol': 'first-deposit',
  'gas-price.sol': 'tx-gasprice',
  'payable-transfer.sol': 'eth-transfer-stipend',
  'phantom-permit.sol': 'phantom-permit',
  'recoverERC20.sol': 'business-logic',
  'return-break.sol': 'business-logic',
  'self-transfer.sol': 'business-logic',
  'txorigin.sol': 'tx-origin',
  'unsafe-downcast.sol': 'downcast',
};
export const DVL_EXCLUDED = { 'interface.sol': 'shared interfaces, no bug' };

// ---------------------------------------------------------------------------------------------------------------------
// Walking the collections.
// ---------------------------------------------------------------------------------------------------------------------
const posix = (p) => p.split(sep).join('/');

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    if (name === '.git' || name === 'node_modules') continue;
    const abs = join(dir, name);
    const st = statSync(abs);
    if (st.isDirectory()) walk(abs, out);
    else out.push(abs);
  }
  return out;
}

/** A test case's metadata (.yaml beside the .sol): its issues, each with SWC id, count and labelled lines per file. */
export function parseSwcMetadata(text) {
  const doc = parseYaml(text) ?? {};
  return (doc.issues ?? []).map((issue) => ({
    swc: String(issue.id),
    count: Number(issue.count ?? 0),
    locations: (issue.locations ?? []).flatMap((loc) =>
      Object.entries(loc.line_numbers ?? {}).map(([file, lines]) => ({ file, lines: (lines ?? []).map(Number) })),
    ),
  }));
}

/** "fixed" when the file name says so, else "clean" when its metadata lists no occurrence, else "vulnerable". */
export function swcVariant(name, issues) {
  if (/fixed/i.test(name)) return 'fixed';
  return issues.some((i) => i.count > 0) ? 'vulnerable' : 'clean';
}

/**
 * SWC registry test cases under `root` (the repository, or its test_cases folder): one unit per vulnerable case and
 * SWC id, one per fixed or clean case. Paths are relative to `root`.
 */
export function labelSwc(root) {
  const units = [];
  for (const abs of walk(root)) {
    if (!abs.endsWith('.yaml')) continue;
    const sol = abs.replace(/\.yaml$/, '.sol');
    if (!existsSync(sol)) continue;
    const issues = parseSwcMetadata(readFileSync(abs, 'utf8'));
    if (issues.length === 0) continue;
    const folder = dirname(sol);
    const main = posix(relative(root, sol));
    const variant = swcVariant(basename(sol), issues);
    const filesOf = (locs) => [...new Set([main, ...locs.map((l) => posix(relative(root, join(folder, l.file))))])].sort();
    const windows = (locs) =>
      locs
        .filter((l) => l.lines.length)
        .map((l) => ({ file: posix(relative(root, join(folder, l.file))), from: Math.min(...l.lines), to: Math.max(...l.lines) }));
    if (variant === 'vulnerable') {
      for (const issue of issues.filter((i) => i.count > 0)) {
        units.push({ collection: 'swc', path: main, category: issue.swc, variant, files: filesOf(issue.locations), lines: windows(issue.locations) });
      }
    } else {
      units.push({ collection: 'swc', path: main, category: issues[0].swc, variant, files: [main], lines: [] });
    }
  }
  return sortUnits(units);
}

/** not-so-smart-contracts under `root`: one unit per .sol file, category from its top folder. */
export function labelNssc(root) {
  const units = [];
  for (const abs of walk(root)) {
    if (!abs.endsWith('.sol')) continue;
    const path = posix(relative(root, abs));
    const top = path.split('/')[0];
    if (!path.includes('/')) continue;
    const excluded = NSSC_EXCLUDED[path];
    units.push({
      collection: 'nssc',
      path,
      category: NSSC_FOLDERS[top] ?? 'unmapped',
      variant: 'vulnerable',
      files: [path],
      lines: [],
      ...(excluded ? { excluded } : {}),
    });
  }
  return sortUnits(units);
}

/** DeFiVulnLabs under `root` (the repository, or its src/test folder): one unit per src/test/*.sol file. */
export function labelDvl(root) {
  const testDir = existsSync(join(root, 'src', 'test')) ? join(root, 'src', 'test') : root;
  const units = [];
  for (const name of readdirSync(testDir).sort()) {
    if (!name.endsWith('.sol') || !statSync(join(testDir, name)).isFile()) continue;
    const path = posix(relative(root, join(testDir, name)));
    const excluded = DVL_EXCLUDED[name];
    units.push({
      collection: 'defivulnlabs',
      path,
      category: DVL_FILES[name] ?? 'unmapped',
      variant: 'vulnerable',
      files: [path],
      lines: [],
      ...(excluded ? { excluded } : {}),
    });
  }
  return sortUnits(units);
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function sortUnits(units) {
  return units.sort((a, b) => cmp(a.path, b.path) || cmp(a.category, b.category));
}

/** A stable identity of the labelled files' contents, so two runs can tell they measured the same collection. */
export function contentHash(root, units) {
  const h = createHash('sha256');
  for (const file of [...new Set(units.flatMap((u) => u.files))].sort()) {
    h.update(file + '\0');
    if (existsSync(join(root, file))) h.update(readFileSync(join(root, file)));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------------------------------
// The rule catalogue (from the CLI's SARIF rules) and matching.
// ---------------------------------------------------------------------------------------------------------------------

/** Catalogue entries { id, severity, category, swc[] } from a SARIF log's rules. */
export function catalogueFromSarif(sarif) {
  const rules = sarif?.runs?.[0]?.tool?.driver?.rules ?? [];
  return rules
    .map((r) => {
      const tags = r.properties?.tags ?? [];
      const swc = tags.filter((t) => /^SWC-\d+$/.test(t));
      const category = r.properties?.category ?? tags.find((t) => t !== 'security' && t !== 'solidity' && !/^SWC-\d+$/.test(t)) ?? '';
      return { id: r.id, severity: r.properties?.severity ?? '', category, swc };
    })
    .sort((a, b) => cmp(a.id, b.id));
}

export function specFor(unit) {
  return unit.collection === 'swc' ? swcSpec(unit.category) : { swc: [], categories: [], findings: [], ...CATEGORY_RULES[unit.category] };
}

/** Does a catalogue rule count for a spec? */
export function ruleMatches(spec, rule) {
  return (spec.findings ?? []).includes(rule.id) || (spec.categories ?? []).includes(rule.category) || rule.swc.some((s) => (spec.swc ?? []).includes(s));
}

/** Ids of the loaded rules that count for a spec; empty means "no rule". */
export function rulesFor(spec, catalogue) {
  return catalogue.filter((r) => ruleMatches(spec, r)).map((r) => r.id);
}

/**
 * Judges one unit against the scan's findings (JSON output of `hindsight scan`, paths relative to the collection root).
 * `found`: a counting finding anywhere in the unit's files; `atLine`: one whose reported range meets a labelled line
 * (± LINE_SLACK), null when the label has no lines; `mediumPlus`: every medium-or-above finding in the unit's files.
 */
export function judge(unit, findings, catalogue, syntaxErrors = []) {
  const spec = specFor(unit);
  const rules = rulesFor(spec, catalogue);
  const inFiles = findings.filter((f) => unit.files.includes(f.file));
  const counting = inFiles.filter((f) => rules.includes(f.id));
  const hit = (f) => unit.lines.some((w) => w.file === f.file && f.range.start.line <= w.to + LINE_SLACK && f.range.end.line >= w.from - LINE_SLACK);
  const ids = (list) => [...new Set(list.map((f) => f.id))].sort();
  return {
    collection: unit.collection,
    path: unit.path,
    category: unit.category,
    variant: unit.variant,
    ...(unit.excluded ? { excluded: unit.excluded } : {}),
    expected: { swc: spec.swc ?? [], categories: spec.categories ?? [], findings: spec.findings ?? [], rules },
    hasRule: rules.length > 0,
    visible: spec.visible !== false,
    found: unit.variant === 'vulnerable' ? counting.length > 0 : null,
    atLine: unit.variant === 'vulnerable' && unit.lines.length ? counting.some(hit) : null,
    lines: unit.lines,
    foundIds: ids(counting),
    allIds: ids(inFiles),
    mediumPlus: inFiles
      .filter((f) => isMediumPlus(f.severity))
      .map((f) => `${f.id}@${f.file === unit.path ? '' : f.file + ':'}${f.range.start.line}`)
      .sort(),
    syntaxErrors: syntaxErrors.filter((e) => unit.files.includes(e.file)).length,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Tables.
// ---------------------------------------------------------------------------------------------------------------------
export const COLLECTIONS = {
  swc: 'SWC registry test cases',
  nssc: 'crytic/not-so-smart-contracts',
  defivulnlabs: 'SunWeb3Sec/DeFiVulnLabs',
};

const pct = (n, d) => (d ? `${Math.round((100 * n) / d)}%` : '—');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const frac = (n, d) => `${n}/${d}${d ? ` (${pct(n, d)})` : ''}`;

/** Per-category rows and totals for one collection's judged units. */
export function summarise(results) {
  const rows = new Map();
  for (const r of results) {
    if (r.excluded) continue;
    const row = rows.get(r.category) ?? {
      category: r.category,
      hasRule: r.hasRule,
      visible: r.visible,
      rules: r.expected.rules,
      files: 0,
      found: 0,
      withLines: 0,
      atLine: 0,
      syntaxErrorFiles: 0,
      clean: 0,
      cleanMediumPlus: 0,
      fixed: 0,
      fixedMediumPlus: 0,
    };
    if (r.variant === 'vulnerable') {
      row.files++;
      if (r.found) row.found++;
      if (r.atLine !== null) row.withLines++;
      if (r.atLine) row.atLine++;
      if (r.syntaxErrors) row.syntaxErrorFiles++;
    } else {
      row[r.variant]++;
      row[`${r.variant}MediumPlus`] += r.mediumPlus.length;
    }
    rows.set(r.category, row);
  }
  const list = [...rows.values()].sort((a, b) => cmp(a.category, b.category));
  const sum = (pred, key) => list.filter(pred).reduce((n, r) => n + r[key], 0);
  const all = () => true;
  const ruled = (r) => r.hasRule;
  const visible = (r) => r.visible;
  return {
    rows: list,
    totals: {
      files: sum(all, 'files'),
      found: sum(all, 'found'),
      ruledFiles: sum(ruled, 'files'),
      ruledFound: sum(ruled, 'found'),
      ruledWithLines: sum(ruled, 'withLines'),
      ruledAtLine: sum(ruled, 'atLine'),
      visibleFiles: sum(visible, 'files'),
      visibleFound: sum(visible, 'found'),
      noRuleFiles: sum((r) => !r.hasRule, 'files'),
      ruledCategories: list.filter((r) => r.hasRule && r.files).length,
      categories: list.filter((r) => r.files).length,
      fixed: sum(all, 'fixed'),
      fixedMediumPlus: sum(all, 'fixedMediumPlus'),
      clean: sum(all, 'clean'),
      cleanMediumPlus: sum(all, 'cleanMediumPlus'),
      syntaxErrorFiles: sum(all, 'syntaxErrorFiles'),
      excluded: results.filter((r) => r.excluded).length,
    },
  };
}

function categoryLabel(collection, row) {
  if (collection === 'swc') return `${row.category} ${SWC_TITLES[row.category] ?? ''}`.trim();
  return `\`${row.category}\` ${CATEGORY_RULES[row.category]?.title ?? ''}`.trim();
}

/** Markdown for one collection: the per-category table, then the totals line(s). */
export function renderCollection(collection, summary, meta = {}) {
  const out = [];
  const lines = collection === 'swc';
  out.push(`#### ${COLLECTIONS[collection]}${meta.hash ? ` (labelled files' content hash \`${meta.hash}\`)` : ''}`);
  out.push('');
  const head = ['Category', 'Files', 'Rule', 'Found'];
  if (lines) head.push('At the line', 'Fixed / clean variants', 'Medium+ on them');
  if (collection === 'defivulnlabs') head.push('Source-visible');
  out.push(`| ${head.join(' | ')} |`);
  out.push(`|${head.map((h, i) => (i === 0 || h === 'Rule' || h === 'Source-visible' ? '---' : '---:')).join('|')}|`);
  for (const r of summary.rows) {
    const cells = [
      categoryLabel(collection, r),
      r.files,
      r.hasRule ? 'yes' : 'no rule',
      r.files ? (r.hasRule ? frac(r.found, r.files) : `${r.found}/${r.files}`) : '—',
    ];
    if (lines) {
      cells.push(
        r.withLines && r.hasRule ? frac(r.atLine, r.withLines) : '—',
        r.fixed + r.clean ? `${r.fixed} / ${r.clean}` : '—',
        r.fixed + r.clean ? r.fixedMediumPlus + r.cleanMediumPlus : '—',
      );
    }
    if (collection === 'defivulnlabs') cells.push(r.visible ? 'yes' : 'no');
    out.push(`| ${cells.join(' | ')} |`);
  }
  const t = summary.totals;
  out.push('');
  out.push(
    `**Total**: ${plural(t.files, 'labelled file')} in ${t.categories} categories; found in ${frac(t.found, t.files)}. ` +
      `In the ${t.ruledCategories} categories that have a rule: found in ${frac(t.ruledFound, t.ruledFiles)}` +
      (lines ? `, at the labelled line (±${LINE_SLACK}) in ${frac(t.ruledAtLine, t.ruledWithLines)}` : '') +
      `. No rule: ${plural(t.noRuleFiles, 'file')}.` +
      (collection === 'defivulnlabs' ? ` Source-visible bugs: found in ${frac(t.visibleFound, t.visibleFiles)}.` : '') +
      (lines
        ? ` Medium-or-above findings on the ${t.fixed} \`fixed\` variants: **${t.fixedMediumPlus}**; on the ${t.clean} other clean cases: ${t.cleanMediumPlus}.`
        : '') +
      (t.syntaxErrorFiles ? ` ${plural(t.syntaxErrorFiles, 'labelled file')} had syntax errors (scanned with recovery).` : '') +
      (t.excluded ? ` ${plural(t.excluded, 'file')} left out (not the vulnerable code).` : ''),
  );
  out.push('');
  return out.join('\n');
}

/** Reentrancy across every collection (the "every reentrancy case found" target). */
export function reentrancyLine(resultsByCollection) {
  const all = Object.values(resultsByCollection)
    .flat()
    .filter((r) => !r.excluded && r.variant === 'vulnerable' && (r.category === 'reentrancy' || r.category === 'SWC-107'));
  const found = all.filter((r) => r.found);
  const missed = all.filter((r) => !r.found).map((r) => `${r.collection}:${r.path}`);
  return `**Reentrancy, all collections**: found in ${frac(found.length, all.length)}${missed.length ? `; missed: ${missed.map((m) => `\`${m}\``).join(', ')}` : ''}.`;
}
