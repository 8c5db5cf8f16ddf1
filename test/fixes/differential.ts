// Differential execution of a safe fix: each contract of the original and of the fixed file is deployed on its own
// fresh chain, the same random call sequences run on both (fast-check, fixed seeds: senders, values and arguments
// drawn from the ABI), and after every call success, return data, events, the contract's storage and its balance
// must be equal. Any difference is a counterexample, shrunk by fast-check.
import fc from 'fast-check';
import { Interface, type ParamType } from 'ethers';
import { ACCOUNTS, Chain, type CallOutcome } from './evm';
import type { CompiledContract, CompileResult } from './solc';

/** Sequences per contract, and the most calls in one. Fixed so docs/fixes.md can state them. */
export const SEQUENCES = 20;
export const MAX_CALLS = 6;

export interface DifferentialResult {
  contracts: string[];
  sequences: number;
  calls: number;
  /** The first difference found, with the call sequence that shows it; undefined when none. */
  difference?: string;
}

const SELF = '@self';
type Value = bigint | boolean | string | Value[];

interface PlannedCall {
  /** Index into the contract's functions; -1 is a plain call (receive/fallback). */
  fn: number;
  args: Value[];
  sender: number;
  value: bigint;
}

interface Plan {
  deployer: number;
  ctorArgs: Value[];
  ctorValue: bigint;
  calls: PlannedCall[];
}

function argumentOf(p: ParamType): fc.Arbitrary<Value> {
  if (p.baseType === 'array') {
    const inner = argumentOf(p.arrayChildren!);
    const n = p.arrayLength ?? -1;
    return n >= 0 ? fc.array(inner, { minLength: n, maxLength: n }) : fc.array(inner, { maxLength: 3 });
  }
  if (p.baseType === 'tuple') return fc.tuple(...p.components!.map(argumentOf));
  const t = p.type;
  if (t === 'address') return fc.constantFrom<Value>(...ACCOUNTS, SELF, '0x0000000000000000000000000000000000000000');
  if (t === 'bool') return fc.boolean();
  if (t === 'string') return fc.string({ maxLength: 12 });
  if (t === 'bytes') return fc.uint8Array({ maxLength: 40 }).map((b) => `0x${Buffer.from(b).toString('hex')}`);
  const bytesN = /^bytes(\d+)$/.exec(t);
  if (bytesN) return fc.uint8Array({ minLength: Number(bytesN[1]), maxLength: Number(bytesN[1]) }).map((b) => `0x${Buffer.from(b).toString('hex')}`);
  const int = /^(u?)int(\d*)$/.exec(t);
  if (int) {
    const bits = BigInt(int[2] || 256);
    const unsigned = int[1] === 'u';
    const max = unsigned ? (1n << bits) - 1n : (1n << (bits - 1n)) - 1n;
    const min = unsigned ? 0n : -(1n << (bits - 1n));
    const edges = [0n, 1n, 2n, 10n ** 18n > max ? max : 10n ** 18n, max, unsigned ? max - 1n : min];
    return fc.oneof(fc.constantFrom(...edges), fc.bigInt({ min: 0n, max: max < 1000n ? max : 1000n }), fc.bigInt({ min, max }));
  }
  throw new Error(`no generator for ABI type ${t}`);
}

function planOf(iface: Interface): fc.Arbitrary<Plan> {
  const fns = iface.fragments.filter((f) => f.type === 'function') as Array<import('ethers').FunctionFragment>;
  const ctor = iface.deploy;
  const valueFor = (payable: boolean) => (payable ? fc.constantFrom(0n, 1n, 10n ** 18n) : fc.constantFrom(0n, 0n, 0n, 1n));
  const calls: Array<fc.Arbitrary<PlannedCall>> = fns.map((f, i) =>
    fc.record({
      fn: fc.constant(i),
      args: fc.tuple(...f.inputs.map(argumentOf)) as fc.Arbitrary<Value[]>,
      sender: fc.nat(ACCOUNTS.length - 1),
      value: valueFor(f.payable),
    }),
  );
  calls.push(fc.record({ fn: fc.constant(-1), args: fc.constant([]), sender: fc.nat(ACCOUNTS.length - 1), value: fc.constantFrom(0n, 1n) }));
  return fc.record({
    deployer: fc.nat(ACCOUNTS.length - 1),
    ctorArgs: fc.tuple(...ctor.inputs.map(argumentOf)) as fc.Arbitrary<Value[]>,
    ctorValue: valueFor(ctor.payable),
    calls: fc.array(fc.oneof(...calls), { minLength: 1, maxLength: MAX_CALLS }),
  });
}

function resolve(v: Value, self: string): Value {
  if (v === SELF) return self;
  return Array.isArray(v) ? v.map((x) => resolve(x, self)) : v;
}

interface Run {
  deploy: CallOutcome;
  steps: Array<{ outcome: CallOutcome; storage: Record<string, string>; balance: bigint }>;
}

/** Where a run goes in one chain; contract addresses are the same in both since they are deployed alike. */
async function execute(c: CompiledContract, iface: Interface, plan: Plan, self: string): Promise<Run> {
  const chain = await Chain.create();
  const code = `0x${c.bytecode}${iface.encodeDeploy(plan.ctorArgs.map((a) => resolve(a, self))).slice(2)}`;
  const deploy = await chain.deploy(ACCOUNTS[plan.deployer], code, plan.ctorValue);
  const steps: Run['steps'] = [];
  if (!deploy.created) return { deploy, steps };
  const fns = iface.fragments.filter((f) => f.type === 'function') as Array<import('ethers').FunctionFragment>;
  for (const call of plan.calls) {
    const data =
      call.fn < 0
        ? '0x'
        : iface.encodeFunctionData(
            fns[call.fn],
            call.args.map((a) => resolve(a, deploy.created!)),
          );
    const outcome = await chain.call(ACCOUNTS[call.sender], deploy.created, data, call.value);
    steps.push({ outcome, storage: await chain.storage(deploy.created), balance: await chain.balance(deploy.created) });
  }
  return { deploy, steps };
}

function describe(plan: Plan, iface: Interface): string {
  const fns = iface.fragments.filter((f) => f.type === 'function') as Array<import('ethers').FunctionFragment>;
  const show = (v: Value): string => (Array.isArray(v) ? `[${v.map(show).join(', ')}]` : String(v));
  return plan.calls.map((c) => `${c.fn < 0 ? '(plain call)' : fns[c.fn].name}(${c.args.map(show).join(', ')}) from ${c.sender} value ${c.value}`).join('; ');
}

function firstDifference(a: Run, b: Run): string | undefined {
  if (a.deploy.ok !== b.deploy.ok || a.deploy.created !== b.deploy.created) return `deployment: ${a.deploy.ok} vs ${b.deploy.ok}`;
  for (let i = 0; i < a.steps.length; i++) {
    const x = a.steps[i];
    const y = b.steps[i];
    if (x.outcome.ok !== y.outcome.ok) return `call ${i + 1}: success ${x.outcome.ok} before the fix, ${y.outcome.ok} after`;
    if (x.outcome.returnData !== y.outcome.returnData) return `call ${i + 1}: returned ${x.outcome.returnData} before the fix, ${y.outcome.returnData} after`;
    if (x.outcome.logs.join('\n') !== y.outcome.logs.join('\n')) return `call ${i + 1}: events differ`;
    if (JSON.stringify(x.storage) !== JSON.stringify(y.storage)) return `call ${i + 1}: storage differs`;
    if (x.balance !== y.balance) return `call ${i + 1}: balance ${x.balance} before the fix, ${y.balance} after`;
  }
  return undefined;
}

/** Runs the same sequences on every contract the original and the fixed compile to; `seed` fixes them. */
export async function differential(original: CompileResult, fixed: CompileResult, seed: number): Promise<DifferentialResult> {
  const result: DifferentialResult = { contracts: [], sequences: 0, calls: 0 };
  for (const c of original.contracts) {
    const f = fixed.contracts.find((x) => x.name === c.name);
    if (!f || !c.bytecode || c.bytecode.includes('__')) continue; // interfaces, abstract contracts, linked libraries
    const iface = new Interface(c.abi as never);
    result.contracts.push(c.name);
    let failure: string | undefined;
    await fc
      .assert(
        fc.asyncProperty(planOf(iface), async (plan) => {
          const self = '0x0000000000000000000000000000000000000000';
          const [a, b] = [await execute(c, iface, plan, self), await execute(f, iface, plan, self)];
          result.sequences += 1;
          result.calls += plan.calls.length;
          const diff = firstDifference(a, b);
          if (diff) failure = `${c.name}: ${diff} after ${describe(plan, iface)}`;
          return diff === undefined;
        }),
        { seed, numRuns: SEQUENCES, endOnFailure: true },
      )
      .catch(() => undefined);
    if (failure) return { ...result, difference: failure };
  }
  return result;
}
