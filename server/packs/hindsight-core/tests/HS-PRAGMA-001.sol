// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// expect: HS-PRAGMA-001
contract Vault {
    uint256 public total;
}

// ok: HS-PRAGMA-001
library Maths {
    function twice(uint256 x) internal pure returns (uint256) {
        return 2 * x;
    }
}

// ok: HS-PRAGMA-001
interface IVault {
    function total() external view returns (uint256);
}

// ok: HS-PRAGMA-001
abstract contract Base {
    function hook() internal virtual;
}

// expect: HS-PRAGMA-001
contract Token is Base {
    function hook() internal override {}
}
