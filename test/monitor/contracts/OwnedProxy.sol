// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Test fixture: an owned EIP-1967 proxy with the events the built-in monitors watch.
contract OwnedProxy {
    bytes32 internal constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    bytes32 internal constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event Upgraded(address indexed implementation);
    event AdminChanged(address previousAdmin, address newAdmin);

    address public owner;
    uint256 public fee;

    constructor(address implementation) {
        owner = msg.sender;
        _setImplementation(implementation);
        assembly {
            sstore(ADMIN_SLOT, caller())
        }
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    function setFee(uint256 value) external onlyOwner {
        fee = value;
    }

    function transferOwnership(address next) external onlyOwner {
        emit OwnershipTransferred(owner, next);
        owner = next;
    }

    function upgradeTo(address implementation) external onlyOwner {
        _setImplementation(implementation);
    }

    /// Writes the slot without the event: what a hand-rolled or malicious upgrade looks like.
    function quietUpgrade(address implementation) external onlyOwner {
        assembly {
            sstore(IMPLEMENTATION_SLOT, implementation)
        }
    }

    function _setImplementation(address implementation) internal {
        assembly {
            sstore(IMPLEMENTATION_SLOT, implementation)
        }
        emit Upgraded(implementation);
    }

    function ping() external pure returns (uint256) {
        return 1;
    }

    function fail() external pure {
        revert("always");
    }
}
