// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Relayer {
    event Executed(bytes32 id, bool ok, bytes result);
    event Done(bytes32 id, bool ok);

    mapping(bytes32 => bool) public executed;

    function execute(bytes32 id, address target, bytes calldata data, uint256 gasLimit) external {
        executed[id] = true;
        // expect: HS-DOS-007
        (bool ok, bytes memory result) = target.call{gas: gasLimit}(data);
        emit Executed(id, ok, result);
    }

    function executeWithValue(bytes32 id, address target, bytes calldata data) external payable {
        executed[id] = true;
        // expect: HS-DOS-007
        (bool ok, bytes memory result) = target.call{value: msg.value, gas: 100_000}(data);
        emit Executed(id, ok, result);
    }

    function hook(address target, bytes calldata data) external returns (bytes memory) {
        bool ok;
        bytes memory ret;
        // expect: HS-DOS-007
        (ok, ret) = target.call{gas: 50_000}(data);
        return ok ? ret : bytes("");
    }

    // Bounded copy: only the first 32 bytes of return data reach memory.
    function executeBounded(bytes32 id, address target, bytes calldata data, uint256 gasLimit) external {
        executed[id] = true;
        bool ok;
        assembly {
            ok := call(gasLimit, target, 0, add(data.offset, 0), data.length, 0, 32)
        }
        emit Done(id, ok);
    }

    // No gas limit: the caller's own call, nothing to protect.
    function forward(address target, bytes calldata data) external returns (bytes memory) {
        // ok: HS-DOS-007
        (bool ok, bytes memory result) = target.call(data);
        require(ok, "failed");
        return result;
    }
}

library Probe07 {
    function probe(address account, bytes memory payload) internal view returns (bool) {
        // ok: HS-DOS-007
        (bool ok, bytes memory ret) = account.staticcall{gas: 30000}(payload);
        return ok && ret.length == 32;
    }
}
