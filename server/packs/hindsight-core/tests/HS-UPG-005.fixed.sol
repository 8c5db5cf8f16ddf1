// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

abstract contract FeeModule is Initializable {
    uint256 internal feeBps;

    // expect: HS-UPG-005
    function __FeeModule_init(uint256 bps) internal onlyInitializing {
        feeBps = bps;
    }

    // expect: HS-UPG-005
    function _setup() private onlyInitializing {
        feeBps = 1;
    }

    // ok: HS-UPG-005
    function __FeeModule_init_unchained(uint256 bps) internal onlyInitializing {
        feeBps = bps;
    }
}

contract Vault is FeeModule {
    // ok: HS-UPG-005
    function initialize() external initializer {
        __FeeModule_init_unchained(30);
    }
}
