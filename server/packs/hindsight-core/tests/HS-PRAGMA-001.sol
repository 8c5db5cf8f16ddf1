// SPDX-License-Identifier: MIT
pragma solidity >=0.4.22 <0.6.0;

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

// expect: HS-PRAGMA-001
contract Token is Vault {
    function mint() public {
        total += 1;
    }
}
