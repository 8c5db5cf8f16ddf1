// A real local chain for the monitor's tests, demo and benchmark: ganache in-process on 127.0.0.1 (no node, no API
// key), contracts compiled with solc-js, transactions sent from ganache's unlocked deterministic accounts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import ganache from 'ganache';
import { createPublicClient, encodeDeployData, encodeFunctionData, http, parseEther, toHex } from 'viem';

const require = createRequire(import.meta.url);

export async function startChain() {
  const server = ganache.server({ logging: { quiet: true }, chain: { chainId: 1337 }, wallet: { deterministic: true, totalAccounts: 5 } });
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  const url = `http://127.0.0.1:${server.address().port}`;
  const transport = http(url);
  const client = createPublicClient({ transport });
  const accounts = await client.request({ method: 'eth_accounts' });
  const sendRaw = async (tx) => {
    const hash = await client.request({ method: 'eth_sendTransaction', params: [{ gas: toHex(6_000_000), ...tx }] });
    return client.waitForTransactionReceipt({ hash });
  };
  return {
    url,
    client,
    accounts,
    async close() {
      await server.close();
    },
    async mine(blocks = 1) {
      for (let i = 0; i < blocks; i++) await client.request({ method: 'evm_mine', params: [] });
    },
    async head() {
      return Number(await client.getBlockNumber({ cacheTime: 0 }));
    },
    async deploy(artifact, args = [], from = accounts[0]) {
      const receipt = await sendRaw({ from, data: encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode, args }) });
      if (receipt.status !== 'success') throw new Error('deployment failed');
      return { address: receipt.contractAddress.toLowerCase(), block: Number(receipt.blockNumber) };
    },
    /** Sends a call; a revert is a receipt with status "reverted", not an error (gas is given so nothing is estimated). */
    send(address, artifact, functionName, args = [], { from = accounts[0], value } = {}) {
      const data = encodeFunctionData({ abi: artifact.abi, functionName, args });
      return sendRaw({ from, to: address, data, ...(value === undefined ? {} : { value: toHex(parseEther(value)) }) });
    },
    /** Sends plain ETH. */
    transfer(to, value, from = accounts[0]) {
      return sendRaw({ from, to, value: toHex(parseEther(value)) });
    },
  };
}

/** Compiles Solidity files with solc-js 0.8.26; returns each contract's ABI and bytecode by name. */
export function compile(files) {
  const solc = require('solc');
  const sources = Object.fromEntries(files.map((f) => [basename(f), { content: readFileSync(f, 'utf8') }]));
  const input = {
    language: 'Solidity',
    sources,
    settings: { evmVersion: 'paris', optimizer: { enabled: false }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const artifacts = {};
  for (const file of Object.values(out.contracts))
    for (const [name, c] of Object.entries(file)) artifacts[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
  return artifacts;
}
