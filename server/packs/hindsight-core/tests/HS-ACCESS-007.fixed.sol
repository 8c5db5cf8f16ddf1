// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Treasury {
    address public owner;
    address public pendingOwner;
    mapping(address => bool) public admins;
    uint256 public fee;

    error NotOwner();

    constructor() {
        // ok: HS-ACCESS-007
        owner = msg.sender;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    function _checkAdmin() internal view {
        if (!admins[msg.sender]) revert NotOwner();
    }

    function setOwner(address newOwner) external {
        // expect: HS-ACCESS-007
        owner = newOwner;
    }

    // The admin table is privileged because checks read it, whatever it is called.
    function grant(address account) public {
        emit Granted(account);
        // expect: HS-ACCESS-007
        admins[account] = true;
    }

    event Granted(address account);

    // The caller's own entry is not privileged state.
    function leave() external {
        // ok: HS-ACCESS-007
        admins[msg.sender] = false;
    }

    function acceptOwnership() external {
        require(msg.sender == pendingOwner, "not pending");
        // ok: HS-ACCESS-007
        owner = pendingOwner;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        // ok: HS-ACCESS-007
        pendingOwner = newOwner;
    }

    function grantByAdmin(address account) external {
        _checkAdmin();
        // ok: HS-ACCESS-007
        admins[account] = true;
    }

    function setOwnerIfWrapped(address newOwner) external {
        if (msg.sender == owner) {
            // ok: HS-ACCESS-007
            owner = newOwner;
        }
    }

    function setOwnerEarlyReturn(address newOwner) external {
        if (msg.sender != owner) return;
        // ok: HS-ACCESS-007
        owner = newOwner;
    }

    // Not read by any check: not privileged (whatever its name).
    function setFee(uint256 newFee) external {
        // ok: HS-ACCESS-007
        fee = newFee;
    }

    // An internal setter reached from an unguarded public function.
    function _setOwner(address newOwner) internal {
        // expect: HS-ACCESS-007
        owner = newOwner;
    }

    function claimOwnership() external {
        _setOwner(msg.sender);
    }

    // Runs once: it returns only while the owner is unset.
    function initOwner(address first) external {
        require(owner == address(0), "set");
        // ok: HS-ACCESS-007
        owner = first;
    }
}

// Before Solidity 0.4.22 a constructor was the function named after the contract: renamed, it is public.
contract Pyramid {
    address private creator;

    modifier onlyCreator() {
        require(msg.sender == creator);
        _;
    }

    function Rubixi() public {
        // expect: HS-ACCESS-007
        creator = msg.sender;
    }

    function collectFees() public onlyCreator {
        payable(creator).transfer(address(this).balance);
    }
}

// An owner nothing in this file checks is still privileged by its name.
contract Game {
    address public owner;
    address public guesser;

    constructor() {
        owner = msg.sender;
    }

    function changeOwner(address newOwner) public {
        // expect: HS-ACCESS-007
        owner = newOwner;
    }

    function reveal() external view returns (bool) {
        return msg.sender == guesser;
    }

    // Paying for a role is the game's rule, not a missing check.
    function guess() external payable {
        require(msg.value == 1 ether);
        // ok: HS-ACCESS-007
        guesser = msg.sender;
    }
}

// An admin's signature authorises a relayed call as the admin's own call would.
contract Registry {
    mapping(address => bool) public isAdmin;
    mapping(address => bool) public isMember;

    constructor() {
        isAdmin[msg.sender] = true;
    }

    function addAdmin(address user, uint8 v, bytes32 r, bytes32 s) external {
        if (!isAdmin[msg.sender]) {
            address signer = ecrecover(keccak256(abi.encode(user, address(this))), v, r, s);
            require(isAdmin[signer], "not an admin");
        }
        // ok: HS-ACCESS-007
        isAdmin[user] = true;
    }

    // A signature of the user itself proves nothing about the right to become an admin.
    function selfAdmin(address user, uint8 v, bytes32 r, bytes32 s) external {
        address signer = ecrecover(keccak256(abi.encode(user)), v, r, s);
        require(signer == user, "bad signature");
        // expect: HS-ACCESS-007
        isAdmin[user] = true;
    }

    function join() external {
        require(isAdmin[msg.sender] || isMember[msg.sender], "closed");
        isMember[msg.sender] = true;
    }
}

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

// The contract has an owner but does not use it here: the fix adds its onlyOwner.
contract Registry is Ownable {
    mapping(address => bool) public operators;

    constructor() Ownable(msg.sender) {}

    modifier onlyOperator() {
        require(operators[msg.sender], "not operator");
        _;
    }

    function setOperator(address account, bool allowed) external onlyOwner {
        // expect: HS-ACCESS-007
        operators[account] = allowed;
    }

    function run() external view onlyOperator returns (bool) {
        return true;
    }
}
