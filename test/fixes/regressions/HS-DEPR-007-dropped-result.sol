pragma solidity ^0.4.24;

contract Legacy {
    address public lib;

    // The result is dropped: a delegatecall written in its place would go unchecked (HS-CALL-001).
    function fire() public {
        // fix: HS-DEPR-007 none
        lib.callcode(bytes4(keccak256("init()")));
    }

    function checked() public {
        // fix: HS-DEPR-007 review
        require(lib.callcode(bytes4(keccak256("init()"))));
    }
}
