// The labelling, rule mapping and scoring of test/precision/recall.mjs (issue 17), on a synthetic folder laid out like
// the three public collections, with a few lines of our own Solidity (no code from the collections).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'test', 'precision', 'recall.mjs');

interface Window {
  file: string;
  from: number;
  to: number;
}
interface Unit {
  collection: string;
  path: string;
  category: string;
  variant: string;
  files: string[];
  lines: Window[];
  excluded?: string;
}
interface Rule {
  id: string;
  severity: string;
  category: string;
  swc: string[];
}
interface Finding {
  file: string;
  id: string;
  severity: string;
  range: { start: { line: number }; end: { line: number } };
}
interface Judged {
  found: boolean | null;
  atLine: boolean | null;
  hasRule: boolean;
  foundIds: string[];
  mediumPlus: string[];
  expected: { rules: string[] };
}
interface Summary {
  rows: { category: string; files: number; found: number }[];
  totals: Record<string, number>;
}
interface RecallLib {
  labelSwc(root: string): Unit[];
  labelNssc(root: string): Unit[];
  labelDvl(root: string): Unit[];
  catalogueFromSarif(sarif: unknown): Rule[];
  judge(unit: Unit, findings: Finding[], catalogue: Rule[]): Judged;
  summarise(results: Judged[]): Summary;
  renderCollection(collection: string, summary: Summary): string;
}

const CONTRACT = (body: string) => `pragma solidity ^0.8.0;\ncontract Mini {\n  mapping(address => uint256) bal;\n${body}\n}\n`;

function write(root: string, path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const finding = (file: string, id: string, line: number, severity = 'high'): Finding => ({
  file,
  id,
  severity,
  range: { start: { line }, end: { line } },
});

describe('recall measurement on labelled collections', () => {
  let lib: RecallLib;
  let tmp: string;
  const catalogue: Rule[] = [
    { id: 'HS-REENT-001', severity: 'high', category: 'reentrancy', swc: ['SWC-107'] },
    { id: 'HS-REENT-009', severity: 'medium', category: 'reentrancy', swc: [] }, // counts through its category
    { id: 'HS-ARITH-001', severity: 'high', category: 'arithmetic', swc: ['SWC-101'] },
    { id: 'HS-DEPR-001', severity: 'info', category: 'deprecated', swc: ['SWC-111'] },
  ];

  before(async () => {
    lib = (await import(pathToFileURL(join(ROOT, 'test', 'precision', 'recall-lib.mjs')).href)) as RecallLib;
    tmp = mkdtempSync(join(tmpdir(), 'hindsight-recall-test-'));
    const withdraw = CONTRACT(
      '  function w() external {\n    (bool ok, ) = msg.sender.call{value: bal[msg.sender]}("");\n    require(ok);\n    bal[msg.sender] = 0;\n  }',
    );
    // SWC layout: test_cases/solidity/<class>/<case>/<case>.{sol,yaml}
    const swc = join(tmp, 'swc');
    write(swc, 'test_cases/solidity/reentracy/mini/mini.sol', withdraw);
    write(
      swc,
      'test_cases/solidity/reentracy/mini/mini.yaml',
      'description: x\nissues:\n- id: SWC-107\n  count: 1\n  locations:\n  - line_numbers:\n      mini.sol: [5, 6]\n',
    );
    write(swc, 'test_cases/solidity/reentracy/mini_fixed/mini_fixed.sol', CONTRACT(''));
    write(swc, 'test_cases/solidity/reentracy/mini_fixed/mini_fixed.yaml', 'issues:\n- id: SWC-107\n  count: 0\n  locations: []\n');
    write(swc, 'test_cases/solidity/misc/two/two.sol', CONTRACT(''));
    write(
      swc,
      'test_cases/solidity/misc/two/two.yaml',
      'issues:\n- id: SWC-101\n  count: 1\n  locations:\n  - line_numbers:\n      two.sol: [3]\n- id: SWC-136\n  count: 1\n  locations: []\n',
    );
    write(swc, 'test_cases/solidity/misc/ok_case/ok_case.sol', CONTRACT(''));
    write(swc, 'test_cases/solidity/misc/ok_case/ok_case.yaml', 'issues:\n- id: SWC-105\n  count: 0\n  locations: []\n');
    write(swc, 'test_cases/solidity/misc/orphan/orphan.sol', CONTRACT('')); // no metadata: not labelled
    // not-so-smart-contracts layout: <category folder>/...
    const nssc = join(tmp, 'nssc');
    write(nssc, 'reentrancy/Bank.sol', withdraw);
    write(nssc, 'reentrancy/ReentrancyExploit.sol', CONTRACT(''));
    write(nssc, 'brand_new_class/X.sol', CONTRACT(''));
    write(nssc, 'README.sol', CONTRACT('')); // top level: not in a category
    // DeFiVulnLabs layout: src/test/<Name>.sol
    const dvl = join(tmp, 'dvl');
    write(dvl, 'src/test/Reentrancy.sol', withdraw);
    write(dvl, 'src/test/interface.sol', 'pragma solidity ^0.8.0;\ninterface I { function f() external; }\n');
    write(dvl, 'src/test/Unknown-bug.sol', CONTRACT(''));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('labels SWC cases from their metadata: one unit per vulnerable SWC id, fixed and clean variants apart', () => {
    const units = lib.labelSwc(join(tmp, 'swc'));
    assert.deepEqual(
      units.map((u) => [u.path.replace('test_cases/solidity/', ''), u.category, u.variant]),
      [
        ['misc/ok_case/ok_case.sol', 'SWC-105', 'clean'],
        ['misc/two/two.sol', 'SWC-101', 'vulnerable'],
        ['misc/two/two.sol', 'SWC-136', 'vulnerable'],
        ['reentracy/mini/mini.sol', 'SWC-107', 'vulnerable'],
        ['reentracy/mini_fixed/mini_fixed.sol', 'SWC-107', 'fixed'],
      ],
    );
    const mini = units.find((u) => u.path.endsWith('mini/mini.sol'))!;
    assert.deepEqual(mini.lines, [{ file: 'test_cases/solidity/reentracy/mini/mini.sol', from: 5, to: 6 }]);
    // the test_cases folder itself works as the root too
    assert.equal(lib.labelSwc(join(tmp, 'swc', 'test_cases')).length, 5);
  });

  it('labels not-so-smart-contracts by top folder and DeFiVulnLabs by file name, leaving out helpers', () => {
    const nssc = lib.labelNssc(join(tmp, 'nssc'));
    assert.deepEqual(
      nssc.map((u) => [u.path, u.category, Boolean(u.excluded)]),
      [
        ['brand_new_class/X.sol', 'unmapped', false],
        ['reentrancy/Bank.sol', 'reentrancy', false],
        ['reentrancy/ReentrancyExploit.sol', 'reentrancy', true],
      ],
    );
    const dvl = lib.labelDvl(join(tmp, 'dvl'));
    assert.deepEqual(
      dvl.map((u) => [u.path, u.category, Boolean(u.excluded)]),
      [
        ['src/test/Reentrancy.sol', 'reentrancy', false],
        ['src/test/Unknown-bug.sol', 'unmapped', false],
        ['src/test/interface.sol', 'unmapped', true],
      ],
    );
  });

  it('reads the rule catalogue from SARIF rules: category and SWC ids from the tags', () => {
    const sarif = {
      runs: [
        {
          tool: {
            driver: {
              rules: [
                { id: 'HS-B', properties: { tags: ['security', 'solidity', 'oracle'], severity: 'medium' } },
                { id: 'HS-A', properties: { tags: ['security', 'solidity', 'reentrancy', 'SWC-107'], severity: 'high' } },
              ],
            },
          },
        },
      ],
    };
    assert.deepEqual(lib.catalogueFromSarif(sarif), [
      { id: 'HS-A', severity: 'high', category: 'reentrancy', swc: ['SWC-107'] },
      { id: 'HS-B', severity: 'medium', category: 'oracle', swc: [] },
    ]);
  });

  it('counts a finding by SWC reference or category, at the labelled line within ±2, and medium+ on fixed variants', () => {
    const units = lib.labelSwc(join(tmp, 'swc'));
    const mini = units.find((u) => u.path.endsWith('mini/mini.sol'))!;
    const fixed = units.find((u) => u.variant === 'fixed')!;
    const privateData = units.find((u) => u.category === 'SWC-136')!;

    const atLine = lib.judge(mini, [finding(mini.path, 'HS-REENT-001', 8)], catalogue);
    assert.equal(atLine.found, true);
    assert.equal(atLine.atLine, true, 'line 8 is within 2 of the labelled 5-6');
    assert.deepEqual(atLine.expected.rules, ['HS-REENT-001', 'HS-REENT-009']);

    const elsewhere = lib.judge(mini, [finding(mini.path, 'HS-REENT-009', 12), finding(mini.path, 'HS-DEPR-001', 5)], catalogue);
    assert.deepEqual([elsewhere.found, elsewhere.atLine, elsewhere.foundIds], [true, false, ['HS-REENT-009']]);

    const wrongClass = lib.judge(mini, [finding(mini.path, 'HS-ARITH-001', 5), finding('other.sol', 'HS-REENT-001', 5)], catalogue);
    assert.equal(wrongClass.found, false, 'another class, or another file, does not count');

    const noRule = lib.judge(privateData, [], catalogue);
    assert.deepEqual([noRule.hasRule, noRule.found], [false, false]);

    const alarms = lib.judge(fixed, [finding(fixed.path, 'HS-ARITH-001', 3), finding(fixed.path, 'HS-DEPR-001', 4, 'info')], catalogue);
    assert.deepEqual([alarms.found, alarms.mediumPlus], [null, ['HS-ARITH-001@3']]);

    const summary = lib.summarise([atLine, noRule, alarms]);
    assert.equal(summary.totals.ruledFiles, 1);
    assert.equal(summary.totals.ruledFound, 1);
    assert.equal(summary.totals.noRuleFiles, 1);
    assert.equal(summary.totals.fixedMediumPlus, 1);
    const md = lib.renderCollection('swc', summary);
    assert.match(md, /\| SWC-107 Reentrancy \| 1 \| yes \| 1\/1 \(100%\) \| 1\/1 \(100%\) \| 1 \/ 0 \| 1 \|/);
    assert.match(md, /\| SWC-136 Unencrypted private data on chain \| 1 \| no rule \| 0\/1 \|/);
  });

  it('maps collection categories to rules, and a category without a loaded rule is "no rule"', () => {
    const [bank] = lib.labelNssc(join(tmp, 'nssc')).filter((u) => u.path === 'reentrancy/Bank.sol');
    assert.equal(lib.judge(bank, [finding(bank.path, 'HS-REENT-009', 4)], catalogue).found, true);
    const [unknown] = lib.labelDvl(join(tmp, 'dvl')).filter((u) => u.category === 'unmapped');
    assert.equal(lib.judge(unknown, [finding(unknown.path, 'HS-REENT-001', 4)], catalogue).hasRule, false);
  });

  it('the script exits 2 and says why when a collection folder does not exist', () => {
    const r = spawnSync(process.execPath, [SCRIPT, '--swc', join(tmp, 'no-such-folder')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no such folder/);
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const r2 = spawnSync(process.execPath, [SCRIPT, '--nssc', empty, '--cli', SCRIPT], { encoding: 'utf8' });
    assert.equal(r2.status, 2);
    assert.match(r2.stderr, /no labelled Solidity files/);
  });
});
