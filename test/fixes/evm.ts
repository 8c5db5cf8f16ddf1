// A fresh in-process chain (@ethereumjs/vm, Cancun rules) for the fix harness: funded accounts, deployments and
// calls as messages (no signatures: the caller is set directly), each call's success, return data and logs, and a
// contract's whole storage read back from the state trie. Two chains built alike and driven alike give the same
// addresses, so their results compare directly.
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { type Address, bytesToHex, createAccount, createAddressFromString, hexToBytes } from '@ethereumjs/util';
import { createVM, type VM } from '@ethereumjs/vm';

export const ACCOUNTS = [
  '0x1000000000000000000000000000000000000001',
  '0x2000000000000000000000000000000000000002',
  '0x3000000000000000000000000000000000000003',
] as const;
const FUNDS = 10n ** 24n;
const GAS = 10_000_000n;

export interface CallOutcome {
  ok: boolean;
  returnData: string;
  logs: string[];
  created?: string;
}

export class Chain {
  private height = 1000n;
  private constructor(private readonly vm: VM) {}

  static async create(): Promise<Chain> {
    const vm = await createVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) });
    for (const a of ACCOUNTS) await vm.stateManager.putAccount(createAddressFromString(a), createAccount({ nonce: 0n, balance: FUNDS }));
    return new Chain(vm);
  }

  /** A block per message: number and time move on alike in every chain. */
  private nextBlock() {
    this.height += 1n;
    const height = this.height;
    return {
      header: {
        number: height,
        coinbase: createAddressFromString('0x00000000000000000000000000000000000000c0'),
        timestamp: 1_700_000_000n + height * 12n,
        difficulty: 0n,
        prevRandao: new Uint8Array(32).fill(7),
        gasLimit: 30_000_000n,
        baseFeePerGas: 0n,
        getBlobGasPrice: () => 1n,
      },
    };
  }

  async deploy(from: string, code: string, value = 0n): Promise<CallOutcome> {
    return this.message(from, undefined, code, value);
  }

  async call(from: string, to: string, data: string, value = 0n): Promise<CallOutcome> {
    return this.message(from, to, data, value);
  }

  private async message(from: string, to: string | undefined, data: string, value: bigint): Promise<CallOutcome> {
    const caller = createAddressFromString(from);
    const r = await this.vm.evm.runCall({
      caller,
      origin: caller,
      ...(to ? { to: createAddressFromString(to) } : {}),
      data: hexToBytes(data.startsWith('0x') ? (data as `0x${string}`) : `0x${data}`),
      value,
      gasLimit: GAS,
      block: this.nextBlock(),
    });
    const ex = r.execResult;
    return {
      ok: !ex.exceptionError,
      returnData: bytesToHex(ex.returnValue),
      logs: (ex.logs ?? []).map(([address, topics, payload]) => `${bytesToHex(address)}|${topics.map(bytesToHex).join(',')}|${bytesToHex(payload)}`),
      ...(r.createdAddress && !ex.exceptionError ? { created: r.createdAddress.toString() } : {}),
    };
  }

  /** Every non-zero storage slot of a contract, as the state trie holds it. */
  async storage(address: string): Promise<Record<string, string>> {
    const sm = this.vm.stateManager as { dumpStorage?: (a: Address) => Promise<Record<string, string>> };
    return sm.dumpStorage ? sm.dumpStorage(createAddressFromString(address)) : {};
  }

  async balance(address: string): Promise<bigint> {
    return (await this.vm.stateManager.getAccount(createAddressFromString(address)))?.balance ?? 0n;
  }
}
