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

    // The answer alone, with no timestamp taken.
    function spotOnly() external view returns (uint256) {
        // expect: HS-ORACLE-004
        (, int256 answer, , , ) = feed.latestRoundData();
        require(answer > 0, "bad price");
        return uint256(answer);
    }

    // Assigned into a variable declared earlier.
    function assigned() external view returns (uint256 price) {
        int256 answer;
        uint256 updatedAt;
        // expect: HS-ORACLE-004
        (, answer, , updatedAt, ) = feed.latestRoundData();
        require(block.timestamp - updatedAt < 1 hours, "stale");
        price = uint256(answer) * 1e10;
    }

    // Checked against the bounds after a conversion and through a local copy.
    function boundedCopy() external view returns (uint256) {
        // ok: HS-ORACLE-004
        (, int256 answer, , , ) = feed.latestRoundData();
        uint256 price = uint256(answer);
        if (price <= uint256(minPrice) || price >= uint256(maxPrice)) revert PriceOutOfBounds();
        return price;
    }

    // A status feed (the L2 sequencer's): its answer is a flag, not a price.
    function sequencerUp(AggregatorV3Interface uptime) external view returns (bool) {
        // ok: HS-ORACLE-004
        (, int256 answer, uint256 startedAt, , ) = uptime.latestRoundData();
        return answer == 0 && block.timestamp - startedAt > 1 hours;
    }
}
