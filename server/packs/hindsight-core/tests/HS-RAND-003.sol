// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract PredictTheHash {
    struct Guess {
        uint256 blockNumber;
        bytes32 hash;
    }

    mapping(address => Guess) private guesses;
    uint256 private committedBlock;

    function lockIn(bytes32 hash) external payable {
        guesses[msg.sender] = Guess(block.number + 1, hash);
        committedBlock = block.number + 1;
    }

    function settle() external {
        require(block.number > guesses[msg.sender].blockNumber);
        // expect: HS-RAND-003
        bytes32 answer = blockhash(guesses[msg.sender].blockNumber);
        if (answer == guesses[msg.sender].hash) payable(msg.sender).transfer(2 ether);
    }

    function settleRound() external view returns (bytes32) {
        // expect: HS-RAND-003
        return blockhash(committedBlock);
    }

    function settleChecked() external {
        require(block.number > guesses[msg.sender].blockNumber);
        require(block.number - guesses[msg.sender].blockNumber <= 256, "expired");
        // ok: HS-RAND-003
        bytes32 answer = blockhash(guesses[msg.sender].blockNumber);
        if (answer == guesses[msg.sender].hash) payable(msg.sender).transfer(2 ether);
    }

    function settleInWindow() external {
        if (block.number - committedBlock < 256) {
            // ok: HS-RAND-003
            bytes32 answer = blockhash(committedBlock);
            answer;
        } else {
            revert("expired");
        }
    }
}

// Pre-0.5 spelling.
contract LegacyPredict {
    uint lockedBlock;

    function settle() public view returns (bytes32) {
        // expect: HS-RAND-003
        return block.blockhash(lockedBlock);
    }
}
