// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Relayer {
    mapping(bytes32 => bool) public executed;
    address public owner;

    function relay(address target, bytes calldata data) external returns (bool) {
        bytes32 id = keccak256(data);
        require(!executed[id], "done");
        executed[id] = true;
        // expect: HS-DOS-005
        (bool ok, ) = target.call(data);
        return ok;
    }

    function relayIgnoring(address target, bytes calldata data) external {
        executed[keccak256(data)] = true;
        // expect: HS-DOS-005
        target.call(data);
    }

    function relayStrict(address target, bytes calldata data) external {
        executed[keccak256(data)] = true;
        // ok: HS-DOS-005
        (bool ok, ) = target.call(data);
        require(ok, "call failed");
    }

    function relayWithGas(address target, bytes calldata data, uint256 gasLimit) external {
        require(gasleft() >= gasLimit + gasLimit / 63 + 10000, "not enough gas");
        executed[keccak256(data)] = true;
        // ok: HS-DOS-005
        (bool ok, ) = target.call{gas: gasLimit}(data);
        ok;
    }

    function ownerRelay(address target, bytes calldata data) external {
        require(msg.sender == owner);
        executed[keccak256(data)] = true;
        // ok: HS-DOS-005
        target.call(data);
    }
}
