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
