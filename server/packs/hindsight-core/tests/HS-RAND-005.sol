// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

abstract contract VRFConsumerBaseV2 {
    function fulfillRandomWords(uint256 requestId, uint256[] memory randomWords) internal virtual;
}

contract Raffle is VRFConsumerBaseV2 {
    error UnknownRequest(uint256 id);
    error PayoutFailed();

    mapping(uint256 => bool) public pending;
    address[] public players;
    address public winner;
    bool public open;

    function fulfillRandomWords(uint256 requestId, uint256[] memory randomWords) internal override {
        // expect: HS-RAND-005
        require(pending[requestId], "unknown request");
        // expect: HS-RAND-005
        require(!open, "still open");
        delete pending[requestId];
        winner = players[randomWords[0] % players.length];
        (bool ok, ) = winner.call{value: address(this).balance}("");
        // expect: HS-RAND-005
        if (!ok) revert PayoutFailed();
    }
}

contract Dice is VRFConsumerBaseV2 {
    error UnknownRequest(uint256 id);
    mapping(uint256 => uint256) public rolls;
    mapping(uint256 => bool) public pending;

    function fulfillRandomWords(uint256 requestId, uint256[] memory randomWords) internal override {
        if (!pending[requestId]) {
            // expect: HS-RAND-005
            revert UnknownRequest(requestId);
        }
        rolls[requestId] = randomWords[0] % 6 + 1;
    }
}

contract LegacyConsumer {
    mapping(bytes32 => uint256) public results;
    address public vrfCoordinator;

    function fulfillRandomness(bytes32 requestId, uint256 randomness) internal {
        // expect: HS-RAND-005
        require(results[requestId] == 0, "done");
        results[requestId] = randomness;
    }

    function rawFulfillRandomness(bytes32 requestId, uint256 randomness) external {
        // ok: HS-RAND-005
        require(msg.sender == vrfCoordinator, "only coordinator");
        fulfillRandomness(requestId, randomness);
    }
}

contract SafeRaffle is VRFConsumerBaseV2 {
    event Ignored(uint256 requestId);
    mapping(uint256 => bool) public pending;
    mapping(uint256 => uint256) public words;

    // The callback only records the word; anything that can fail happens later, in a call of its own.
    function fulfillRandomWords(uint256 requestId, uint256[] memory randomWords) internal override {
        if (!pending[requestId]) {
            emit Ignored(requestId);
            return;
        }
        delete pending[requestId];
        words[requestId] = randomWords[0];
    }

    function settle(uint256 requestId) external view returns (uint256) {
        // ok: HS-RAND-005
        require(words[requestId] != 0, "not fulfilled");
        return words[requestId];
    }
}
