// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Killable {
    address public owner = msg.sender;
    mapping(address => bool) public operators;
    mapping(bytes32 => mapping(address => bool)) private roles;
    bytes32 public constant KILLER = keccak256("KILLER");

    error NotOwner();

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }

    // A modifier whose name says nothing: what it does makes it a guard.
    modifier whenCalledBy(address who) {
        if (msg.sender != who) revert NotOwner();
        _;
    }

    function hasRole(bytes32 role, address account) public view returns (bool) {
        return roles[role][account];
    }

    function _checkOwner() internal view {
        require(msg.sender == owner, "only owner");
    }

    function kill() external {
        // expect: HS-ACCESS-002
        selfdestruct(payable(msg.sender));
    }

    function close(address payable to) public {
        emit Closed(to);
        // expect: HS-ACCESS-002
        selfdestruct(to);
    }

    event Closed(address to);

    // tx.origin is no guard.
    function killByOrigin() external {
        require(tx.origin == owner);
        // expect: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    // Comparing the caller with an address it passed in checks nothing.
    function killByParameter(address who) external {
        require(msg.sender == who);
        // expect: HS-ACCESS-002
        selfdestruct(payable(who));
    }

    function killOwner() external onlyOwner {
        // ok: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    function killRequire(address payable to) external {
        require(msg.sender == owner, "only owner");
        // ok: HS-ACCESS-002
        selfdestruct(to);
    }

    function killIfRevert(address payable to) external {
        if (msg.sender != owner) revert();
        // ok: HS-ACCESS-002
        selfdestruct(to);
    }

    function killCustomError(address payable to) external {
        if (msg.sender != owner) revert NotOwner();
        // ok: HS-ACCESS-002
        selfdestruct(to);
    }

    function killIfWrapped() external {
        if (msg.sender == owner) {
            // ok: HS-ACCESS-002
            selfdestruct(payable(owner));
        }
    }

    function killEarlyReturn() external {
        if (msg.sender != owner) return;
        // ok: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    function killHelper() external {
        _checkOwner();
        // ok: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    function killRole() external {
        require(hasRole(KILLER, msg.sender), "not killer");
        // ok: HS-ACCESS-002
        selfdestruct(payable(msg.sender));
    }

    function killOperator() external {
        require(operators[msg.sender], "not operator");
        // ok: HS-ACCESS-002
        selfdestruct(payable(msg.sender));
    }

    function killModifierWithArgument() external whenCalledBy(owner) {
        // ok: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    // Internal: reported when some public function reaches it unguarded, not otherwise.
    function _destroy() internal {
        // expect: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    function shutdown() external {
        _destroy();
    }

    function _destroyGuarded() internal {
        // ok: HS-ACCESS-002
        selfdestruct(payable(owner));
    }

    function shutdownByOwner() external onlyOwner {
        _destroyGuarded();
    }

    constructor() {
        if (block.chainid == 0) {
            // ok: HS-ACCESS-002
            selfdestruct(payable(msg.sender));
        }
    }
}

// Pre-0.5 spellings, and a stage no function can reach.
contract OldKill {
    uint256 private stage = 0;
    uint256 private armed;

    function arm() public {
        stage = 1;
        armed = 1;
    }

    // `stage` only ever holds 0 or 1: the check never passes.
    function killAtTwo() public {
        if (stage != 2) {
            return;
        }
        // ok: HS-ACCESS-002
        suicide(msg.sender);
    }

    // `armed` holds 1 after anyone calls arm(): reachable.
    function killArmed() public {
        require(armed == 1);
        // expect: HS-ACCESS-002
        selfdestruct(msg.sender);
    }

    function kill() public {
        // expect: HS-ACCESS-002
        suicide(msg.sender);
    }
}

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

// The contract has an owner but does not use it here: the fix adds its onlyOwner.
contract Retirable is Ownable {
    constructor() Ownable(msg.sender) {}

    function retire() external {
        // expect: HS-ACCESS-002
        selfdestruct(payable(msg.sender));
    }
}
