// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

// The lock needs ReentrancyGuard: the fix imports it from where this file imports OpenZeppelin, and adds it to
// the bases (plain ReentrancyGuard: ^0.8.20 allows compilers that do not target Cancun by default).
contract Fund is Ownable {
    mapping(address => uint256) public shares;

    constructor() Ownable(msg.sender) {}

    function deposit() external payable {
        shares[msg.sender] += msg.value;
    }

    function redeem() external returns (uint256 paid) {
        paid = shares[msg.sender];
        // fix: HS-REENT-001 review
        (bool ok, ) = msg.sender.call{value: paid}("");
        require(ok, "send failed");
        shares[msg.sender] = 0;
    }
}

// The contract calls claim itself (claimTwice): once claimTwice is locked too, a locked claim would revert in
// the nested call. No lock is offered on it.
contract Pool {
    mapping(address => uint256) public owed;

    function claim() public {
        uint256 amount = owed[msg.sender];
        // fix: HS-REENT-001 none
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
        owed[msg.sender] = 0;
    }

    function claimTwice() external {
        claim();
        claim();
    }
}

// An upgradeable contract needs ReentrancyGuardUpgradeable, set up in its initializer: not offered.
contract Treasury is Initializable {
    mapping(address => uint256) public credit;

    function initialize() external initializer {}

    function take() external {
        uint256 amount = credit[msg.sender];
        // fix: HS-REENT-001 none
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "send failed");
        credit[msg.sender] = 0;
    }
}

// An internal helper is not an entry point: lock the public functions that reach it instead.
contract Splitter {
    mapping(address => uint256) public due;

    function _pay(address to) internal {
        uint256 amount = due[to];
        // fix: HS-REENT-001 none
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "send failed");
        due[to] = 0;
    }

    function pay() external {
        _pay(msg.sender);
    }
}
