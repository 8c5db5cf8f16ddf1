// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface AggregatorV3Interface {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

contract L2Oracle {
    AggregatorV3Interface public sequencerUptimeFeed;
    AggregatorV3Interface public priceFeed;
    uint256 public constant GRACE_PERIOD = 1 hours;
    error SequencerDown();
    error GracePeriodNotOver();

    function checkSequencer() public view {
        // expect: HS-ORACLE-005
        (, int256 answer, , , ) = sequencerUptimeFeed.latestRoundData();
        if (answer != 0) revert SequencerDown();
    }

    function checkSequencer2() public view {
        // expect: HS-ORACLE-005
        (, int256 answer, uint256 startedAt, , ) = sequencerUptimeFeed.latestRoundData();
        if (answer != 0) revert SequencerDown();
        startedAt;
    }

    function checkSequencerSafe() public view {
        // ok: HS-ORACLE-005
        (, int256 answer, uint256 startedAt, , ) = sequencerUptimeFeed.latestRoundData();
        if (answer != 0) revert SequencerDown();
        if (block.timestamp - startedAt <= GRACE_PERIOD) revert GracePeriodNotOver();
    }

    function price() external view returns (int256) {
        // ok: HS-ORACLE-005
        (, int256 answer, , , ) = priceFeed.latestRoundData();
        return answer;
    }

    function checkViaLocal() external view returns (bool) {
        // ok: HS-ORACLE-005
        (, int256 answer, uint256 startedAt, , ) = sequencerUptimeFeed.latestRoundData();
        uint256 elapsed = block.timestamp - startedAt;
        require(answer == 0 && elapsed > GRACE_PERIOD, "sequencer");
        return true;
    }

    function checkByUpdatedAt() external view returns (bool) {
        // ok: HS-ORACLE-005
        (, int256 answer, , uint256 lastUpdate, ) = sequencerUptimeFeed.latestRoundData();
        return answer == 0 && block.timestamp - lastUpdate > GRACE_PERIOD;
    }
}
