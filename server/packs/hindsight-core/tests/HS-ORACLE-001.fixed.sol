// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface AggregatorV3Interface {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

contract PriceConsumer {
    AggregatorV3Interface public feed;
    AggregatorV3Interface public sequencerUptimeFeed;
    uint256 public constant HEARTBEAT = 1 hours;

    function price() external view returns (uint256) {
        // expect: HS-ORACLE-001
        (, int256 answer, , , ) = feed.latestRoundData();
        return uint256(answer);
    }

    function priceWithRound() external view returns (uint256) {
        // expect: HS-ORACLE-001
        (uint80 roundId, int256 answer, , , uint80 answeredInRound) = feed.latestRoundData();
        require(answeredInRound >= roundId, "stale round");
        return uint256(answer);
    }

    function priceUnchecked() external view returns (uint256) {
        // expect: HS-ORACLE-001
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        require(block.timestamp - updatedAt <= 1 hours, "stale price"); // 1 hours: set to this feed's heartbeat
        roundId; startedAt; updatedAt; answeredInRound;
        require(answer > 0, "bad answer");
        return uint256(answer);
    }

    function safePriceCombined() external view returns (uint256) {
        // ok: HS-ORACLE-001
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > 0 && block.timestamp - updatedAt < HEARTBEAT, "bad price");
        return uint256(answer);
    }

    function safePrice() external view returns (uint256) {
        // ok: HS-ORACLE-001
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(answer > 0, "bad answer");
        require(block.timestamp - updatedAt <= HEARTBEAT, "stale price");
        return uint256(answer);
    }

    function fullPrice() external view returns (uint256) {
        // ok: HS-ORACLE-001
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        roundId; startedAt; answeredInRound;
        if (updatedAt < block.timestamp - HEARTBEAT) revert();
        return uint256(answer);
    }

    // The sequencer uptime feed is HS-ORACLE-005's business.
    function sequencerUp() external view returns (bool) {
        // ok: HS-ORACLE-001
        (, int256 answer, , , ) = sequencerUptimeFeed.latestRoundData();
        return answer == 0;
    }

    error Stale(uint256 age);
    event Read(int256 answer, uint256 updatedAt);

    function priceByAge() external view returns (uint256) {
        // ok: HS-ORACLE-001
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        uint256 age = block.timestamp - updatedAt;
        if (age > HEARTBEAT) revert Stale(age);
        return uint256(answer);
    }

    function priceLogged() external returns (uint256) {
        // expect: HS-ORACLE-001
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        require(block.timestamp - updatedAt <= 1 hours, "stale price"); // 1 hours: set to this feed's heartbeat
        emit Read(answer, updatedAt);
        return uint256(answer);
    }
}
