// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Test fixture: a treasury with roles, an EIP-1967 admin slot, token payouts and a gas-heavy function, for the
/// built-in monitors the other fixtures do not exercise.
contract Treasury {
    bytes32 internal constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);
    event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender);
    event AdminChanged(address previousAdmin, address newAdmin);

    mapping(bytes32 => mapping(address => bool)) public hasRole;
    uint256[] private scratch;
    address public immutable deployer;

    constructor() {
        deployer = msg.sender;
        assembly {
            sstore(ADMIN_SLOT, caller())
        }
    }

    modifier onlyDeployer() {
        require(msg.sender == deployer, "not deployer");
        _;
    }

    function grantRole(bytes32 role, address account) external onlyDeployer {
        hasRole[role][account] = true;
        emit RoleGranted(role, account, msg.sender);
    }

    function revokeRole(bytes32 role, address account) external onlyDeployer {
        hasRole[role][account] = false;
        emit RoleRevoked(role, account, msg.sender);
    }

    function changeAdmin(address next) external onlyDeployer {
        address previous;
        assembly {
            previous := sload(ADMIN_SLOT)
            sstore(ADMIN_SLOT, next)
        }
        emit AdminChanged(previous, next);
    }

    function payOut(Token token, address to, uint256 amount) external onlyDeployer {
        require(token.transfer(to, amount), "transfer failed");
    }

    function ping() external pure returns (uint256) {
        return 1;
    }

    /// Writes `n` fresh storage slots: about 22,000 gas each.
    function burn(uint256 n) external {
        for (uint256 i = 0; i < n; i++) scratch.push(i);
    }
}

/// A minimal token for the outflow monitor.
contract Token {
    mapping(address => uint256) public balanceOf;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        return true;
    }
}
