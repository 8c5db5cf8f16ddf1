// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Crowdsale {
    uint256 public immutable closingTime;
    uint256 public constant LAUNCH = 1700000000;

    constructor(uint256 closing) {
        closingTime = closing;
    }

    function isFinished() public view returns (bool) {
        // expect: HS-TIME-002
        return block.timestamp >= 1546300800;
    }

    function started() public view returns (bool) {
        uint256 nowTs = block.timestamp;
        // expect: HS-TIME-002
        return nowTs > 1700000000;
    }

    function isClosed() public view returns (bool) {
        // ok: HS-TIME-002
        return block.timestamp >= closingTime;
    }

    function shortWait(uint256 since) public view returns (bool) {
        // ok: HS-TIME-002
        return block.timestamp - since > 3600;
    }
}

// Pre-0.5 spelling.
contract LegacySale {
    function finished() public view returns (bool) {
        // expect: HS-TIME-002
        return now >= 1514764800;
    }
}
