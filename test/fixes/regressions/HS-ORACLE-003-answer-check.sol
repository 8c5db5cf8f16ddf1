// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IFeed {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

// The answer check names the variable the code gives the answer, declared or assigned. It reverts, so it is not
// offered where reverting changes the contract's way of failing: in a loop over feeds, or in a function that
// reports failure as false.
contract Prices {
    IFeed[] public feeds;
    int256 public last;

    function read(IFeed feed) external view returns (uint256) {
        int256 answer;
        // fix: HS-ORACLE-003 review
        (, answer, , , ) = feed.latestRoundData();
        return uint256(answer);
    }

    function readOneLine(IFeed feed) external view returns (uint256) {
        // fix: HS-ORACLE-003 review
        (, int256 a, , , ) = feed.latestRoundData(); return uint256(a);
    }

    function sum() external view returns (uint256 total) {
        for (uint256 i = 0; i < feeds.length; i++) {
            // fix: HS-ORACLE-003 none
            (, int256 a, , , ) = feeds[i].latestRoundData();
            total += uint256(a);
        }
    }

    function tryRead(IFeed feed) external returns (bool) {
        // fix: HS-ORACLE-003 none
        (, int256 a, , , ) = feed.latestRoundData();
        last = int256(uint256(a));
        return true;
    }
}
