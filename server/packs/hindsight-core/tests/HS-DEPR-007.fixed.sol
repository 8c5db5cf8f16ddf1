pragma solidity ^0.4.24;

contract Old {
    address public lib;

    function run(bytes data) public {
        // expect: HS-DEPR-007
        require(lib.delegatecall(data));
    }

    function run2() public {
        // expect: HS-DEPR-007
        lib.callcode(bytes4(keccak256("init()")));
    }

    function runModern(bytes data) public {
        // ok: HS-DEPR-007
        require(lib.delegatecall(data));
    }

    function ping() public {
        // ok: HS-DEPR-007
        require(lib.call(bytes4(keccak256("ping()"))));
    }
}
