// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";

contract Auction is Multicall {
    mapping(address => uint256) public commitments;

    function commitEth() external payable {
        // expect: HS-CALL-005
        commitments[msg.sender] += msg.value;
    }

    function refund() external view returns (uint256) {
        // ok: HS-CALL-005
        return commitments[msg.sender];
    }
}

contract Batcher {
    mapping(address => uint256) public deposits;

    function batch(bytes[] calldata calls) external payable {
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, ) = address(this).delegatecall(calls[i]);
            require(ok);
        }
    }

    function deposit() external payable {
        // expect: HS-CALL-005
        deposits[msg.sender] += msg.value;
    }
}

contract PlainAuction {
    mapping(address => uint256) public commitments;

    function commitEth() external payable {
        // ok: HS-CALL-005
        commitments[msg.sender] += msg.value;
    }
}

// A batching base written out: payable, delegatecalling the contract itself.
abstract contract Batchable {
    function batch(bytes[] calldata calls, bool revertOnFail) external payable {
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, ) = address(this).delegatecall(calls[i]);
            require(ok || !revertOnFail, "batch call failed");
        }
    }
}

contract Sale is Batchable {
    uint256 public constant PRICE = 1 ether;
    mapping(address => uint256) public bought;

    function buy() external payable {
        // expect: HS-CALL-005
        require(msg.value >= PRICE, "pay");
        bought[msg.sender] += 1;
    }

    function buyFor(address who) external payable {
        // expect: HS-CALL-005
        bought[who] = bought[who] + msg.value / PRICE;
    }
}

// A multicall that takes no ether: every call of it sees msg.value == 0.
abstract contract FreeMulticall {
    function multicall(bytes[] calldata data) external {
        for (uint256 i = 0; i < data.length; i++) {
            (bool ok, ) = address(this).delegatecall(data[i]);
            require(ok);
        }
    }
}

contract Shop is FreeMulticall {
    mapping(address => uint256) public paid;

    function pay() external payable {
        // ok: HS-CALL-005
        paid[msg.sender] += msg.value;
    }
}

// A payable batch that calls other contracts, not itself.
contract Router {
    mapping(address => uint256) public deposits;

    function route(address[] calldata targets, bytes[] calldata data) external payable {
        for (uint256 i = 0; i < targets.length; i++) {
            (bool ok, ) = targets[i].delegatecall(data[i]);
            require(ok);
        }
    }

    function deposit() external payable {
        // ok: HS-CALL-005
        deposits[msg.sender] += msg.value;
    }
}
