// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface AggregatorV3Interface {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

contract PriceConsumer {
    AggregatorV3Interface public feed;
    error BadPrice();

    function price() external view returns (uint256) {
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(block.timestamp - updatedAt < 1 hours, "stale");
        // expect: HS-ORACLE-003
        require(answer > 0, "invalid price");
        return uint256(answer);
    }

    function price2() external view returns (uint256 p) {
        (, int256 answer, , , ) = feed.latestRoundData();
        // expect: HS-ORACLE-003
        require(answer > 0, "invalid price");
        p = uint256(answer) * 1e10;
    }

    function safePrice() external view returns (uint256) {
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > 0, "bad answer");
        require(block.timestamp - updatedAt < 1 hours, "stale");
        // ok: HS-ORACLE-003
        return uint256(answer);
    }

    function safePrice2() external view returns (uint256) {
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        if (answer <= 0 || block.timestamp - updatedAt > 1 hours) revert BadPrice();
        roundId; startedAt; answeredInRound;
        // ok: HS-ORACLE-003
        return uint256(answer);
    }
}
