pragma solidity ^0.4.24;

contract Old {
    function remaining() public view returns (uint256) {
        // expect: HS-DEPR-005
        return msg.gas;
    }

    function enough() public view returns (bool) {
        // expect: HS-DEPR-005
        return msg.gas > 50000;
    }

    function remainingModern() public view returns (uint256) {
        // ok: HS-DEPR-005
        return gasleft();
    }

    function value() public payable returns (uint256) {
        // ok: HS-DEPR-005
        return msg.value;
    }
}
