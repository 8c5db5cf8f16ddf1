// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

contract Staking {
    using SafeERC20 for IERC20;

    IERC20 public token;
    mapping(address => uint256) public staked;
    mapping(address => uint256) public claimed;
    uint256 public constant MAX_CLAIM = 1000;
    bool private entered;

    function unstake() external {
        uint256 amount = staked[msg.sender];
        // expect: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
        staked[msg.sender] = 0;
    }

    // A limit checked before the transfer, counted after it: a hook re-enters under the old count.
    function claim(address to, uint256 amount) external {
        require(claimed[to] + amount <= MAX_CLAIM, "limit");
        // expect: HS-REENT-002
        require(token.transfer(to, amount), "transfer");
        claimed[to] += amount;
    }

    function unstakeCEI() external {
        uint256 amount = staked[msg.sender];
        staked[msg.sender] = 0;
        // ok: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
    }

    // A lock written by hand: checked, set before the body, reset after.
    modifier noReentry() {
        require(!entered, "reentered");
        entered = true;
        _;
        entered = false;
    }

    function unstakeGuarded() external noReentry {
        uint256 amount = staked[msg.sender];
        // ok: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
        delete staked[msg.sender];
    }

    // A modifier that is called a lock but does nothing is no lock.
    modifier nonReentrant() {
        _;
    }

    function unstakeFakeGuard() external nonReentrant {
        uint256 amount = staked[msg.sender];
        // expect: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
        delete staked[msg.sender];
    }

    // Pulling tokens in is not sending them out.
    function stake(uint256 amount) external {
        require(staked[msg.sender] + amount <= MAX_CLAIM, "cap");
        // ok: HS-REENT-002
        token.safeTransferFrom(msg.sender, address(this), amount);
        staked[msg.sender] += amount;
    }
}

// No lock of its own: the fix adds OpenZeppelin's ReentrancyGuard (where the project has it) and locks collect.
contract Rewards {
    using SafeERC20 for IERC20;

    IERC20 public token;
    mapping(address => uint256) public owed;

    function collect() external {
        uint256 amount = owed[msg.sender];
        // expect: HS-REENT-002
        token.safeTransfer(msg.sender, amount);
        owed[msg.sender] = 0;
    }
}
