// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface AggregatorV3Interface {
    function decimals() external view returns (uint8);
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// Values collateral with a Chainlink feed.
contract PriceConsumer {
    AggregatorV3Interface public immutable feed;

    constructor(AggregatorV3Interface _feed) {
        feed = _feed;
    }

    /// Uses whatever the feed last reported, even if that was days ago or the feed is paused.
    function collateralValue(uint256 amount) external view returns (uint256) {
        (, int256 price, , , ) = feed.latestRoundData();
        require(price > 0, "bad price");
        return (amount * uint256(price)) / 10 ** feed.decimals();
    }
}
