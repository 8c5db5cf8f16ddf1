// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface AggregatorV3Interface {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

contract Lending {
    AggregatorV3Interface public feed;
    int256 public minPrice;
    int256 public maxPrice;
    error PriceOutOfBounds();

    function collateralPrice() external view returns (uint256) {
        // expect: HS-ORACLE-004
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > 0 && block.timestamp - updatedAt < 1 hours, "bad price");
        return uint256(answer);
    }

    function collateralPrice2() external view returns (uint256) {
        // expect: HS-ORACLE-004
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        roundId; startedAt; answeredInRound;
        require(answer > 0 && block.timestamp - updatedAt < 1 hours, "bad price");
        return uint256(answer);
    }

    function boundedPrice() external view returns (uint256) {
        // ok: HS-ORACLE-004
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        if (answer <= minPrice || answer >= maxPrice) revert PriceOutOfBounds();
        require(block.timestamp - updatedAt < 1 hours, "stale");
        return uint256(answer);
    }

    function boundedPrice2() external view returns (uint256) {
        // ok: HS-ORACLE-004
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > minPrice && answer < maxPrice, "out of bounds");
        require(block.timestamp - updatedAt < 1 hours, "stale");
        return uint256(answer);
    }
}
