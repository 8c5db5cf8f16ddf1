// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface AggregatorV3Interface {
    function decimals() external view returns (uint8);
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// Rejects prices older than the feed's heartbeat and prices at the feed's circuit-breaker bounds.
contract PriceConsumer {
    AggregatorV3Interface public immutable feed;
    uint256 public constant MAX_AGE = 1 hours;
    int256 public constant MIN_PRICE = 1e6;
    int256 public constant MAX_PRICE = 1e14;

    constructor(AggregatorV3Interface _feed) {
        feed = _feed;
    }

    function collateralValue(uint256 amount) external view returns (uint256) {
        (, int256 price, , uint256 updatedAt, ) = feed.latestRoundData();
        require(price > 0, "bad price");
        require(price > MIN_PRICE && price < MAX_PRICE, "price out of bounds");
        require(block.timestamp - updatedAt <= MAX_AGE, "stale price");
        return (amount * uint256(price)) / 10 ** feed.decimals();
    }
}
