// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";

// Issue 18: `onlyInitializing` on a function the constructor calls makes the deployment revert: no fix there.
contract Capped is Initializable {
    uint256 public cap;

    constructor() {
        _setCap(100);
    }

    function initialize() external initializer {
        _setCap(1000);
    }

    // fix: HS-UPG-005 none
    function _setCap(uint256 c) internal initializer {
        cap = c;
    }
}

contract Limited is Initializable {
    uint256 public limit;

    function initialize() external initializer {
        _setLimit(10);
    }

    // fix: HS-UPG-005 review
    function _setLimit(uint256 l) internal initializer {
        limit = l;
    }
}
