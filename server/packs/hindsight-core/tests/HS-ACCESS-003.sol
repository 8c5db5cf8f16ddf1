// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

contract WalletLibrary {
    address public owner;

    // expect: HS-ACCESS-003
    function initWallet(address _owner) public {
        owner = _owner;
    }
}

contract Pool {
    address public admin;
    uint256 public fee;

    // expect: HS-ACCESS-003
    function initialize(address _admin, uint256 _fee) external {
        admin = _admin;
        fee = _fee;
    }
}

contract PoolV2 is Initializable {
    address public admin;
    bool private initialized;

    // ok: HS-ACCESS-003
    function initialize(address _admin) external initializer {
        admin = _admin;
    }

    // ok: HS-ACCESS-003
    function initializeV2(address _admin) external reinitializer(2) {
        admin = _admin;
    }

    // ok: HS-ACCESS-003
    function init(address _admin) external {
        require(!initialized, "already initialized");
        initialized = true;
        admin = _admin;
    }
}

interface IPool {
    // ok: HS-ACCESS-003
    function initialize(address admin) external;
}

contract Counter {
    uint256 private initialized;
    mapping(uint256 => uint256) private slots;
    address public token;

    // Sets a flag to a constant: calling it again changes nothing.
    // ok: HS-ACCESS-003
    function init() public {
        initialized = 1;
    }

    // One entry keyed by an argument: a setter, not an initializer.
    // ok: HS-ACCESS-003
    function initSlot(uint256 k, uint256 v) public {
        slots[k] = v;
    }

    // The token, from the caller's input, inside a branch.
    // expect: HS-ACCESS-003
    function initialize(address _token) external {
        if (_token != address(0)) {
            token = _token;
        }
    }
}

// Initializable is there, the modifier is not: the fix makes it an initializer.
contract Market is Initializable {
    address public admin;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    // expect: HS-ACCESS-003
    function initialize(address _admin) external {
        admin = _admin;
    }
}
