// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface AggregatorV3Interface {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

contract PriceConsumer {
    AggregatorV3Interface public feed;
    error BadPrice();

    function price() external view returns (uint256) {
        // expect: HS-ORACLE-003
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > 0, "Chainlink answer not positive");
        require(block.timestamp - updatedAt < 1 hours, "stale");
        return uint256(answer);
    }

    function price2() external view returns (uint256 p) {
        // expect: HS-ORACLE-003
        (, int256 answer, , , ) = feed.latestRoundData();
        require(answer > 0, "Chainlink answer not positive");
        p = uint256(answer) * 1e10;
    }

    function price3() external view returns (uint256) {
        // expect: HS-ORACLE-003
        (, int256 answer, , , ) = feed.latestRoundData();
        require(answer > 0, "Chainlink answer not positive");
        int256 scaled = answer * 1e10;
        return uint256(scaled);
    }

    function safePrice() external view returns (uint256) {
        // ok: HS-ORACLE-003
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > 0, "bad answer");
        require(block.timestamp - updatedAt < 1 hours, "stale");
        return uint256(answer);
    }

    function safePrice2() external view returns (uint256) {
        // ok: HS-ORACLE-003
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        if (answer <= 0 || block.timestamp - updatedAt > 1 hours) revert BadPrice();
        roundId; startedAt; answeredInRound;
        return uint256(answer);
    }

    function rawAnswer() external view returns (int256 answer) {
        // ok: HS-ORACLE-003
        (, answer, , , ) = feed.latestRoundData();
    }
}
