pragma solidity 0.4.13;

// expect: HS-PRAGMA-002
contract Outdated {
    uint public x = 1;
}

// ok: HS-PRAGMA-002
library OldMaths {
    function twice(uint x) internal pure returns (uint) {
        return 2 * x;
    }
}

// expect: HS-PRAGMA-002
contract AlsoOutdated {
    uint public y = 2;
}

// ok: HS-PRAGMA-002
interface OldToken {
    function transfer(address to, uint value) external returns (bool);
}
