// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IAggregator {
    function latestAnswer() external view returns (int256);
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

contract Oracle {
    IAggregator public feed;

    function price() external view returns (uint256) {
        // expect: HS-ORACLE-002
        return uint256(feed.latestAnswer());
    }

    function price2(address source) external view returns (int256 p) {
        // expect: HS-ORACLE-002
        p = IAggregator(source).latestAnswer();
    }

    function safePrice() external view returns (uint256) {
        // ok: HS-ORACLE-002
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > 0 && block.timestamp - updatedAt < 1 hours, "bad price");
        return uint256(answer);
    }
}

interface IOwnOracle {
    // ok: HS-ORACLE-002
    function latestAnswer() external view returns (int256);
}
