// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Lottery {
    address[] public players;
    uint256 private nonce;
    uint8 private answer;
    mapping(address => uint256) private committedBlock;
    mapping(address => bytes32) private committedGuess;

    function pickWinner() external view returns (address) {
        // expect: HS-RAND-001
        uint256 r = uint256(keccak256(abi.encodePacked(block.timestamp, block.prevrandao, players.length)));
        return players[r % players.length];
    }

    function roll() external returns (uint256) {
        nonce++;
        // expect: HS-RAND-001
        return uint256(keccak256(abi.encode(msg.sender, nonce, blockhash(block.number - 1)))) % 6;
    }

    function throughLocals() external view returns (uint256) {
        uint256 seed = block.number / 3 + nonce;
        // expect: HS-RAND-001
        bytes32 h = keccak256(abi.encodePacked(seed, msg.sender));
        return uint256(h) % 100;
    }

    function recentHash(uint256 n) external view returns (uint256) {
        // expect: HS-RAND-001
        uint256 h = uint256(blockhash(block.number - 1));
        return h / n;
    }

    function guessRecent(bytes32 guess) external view returns (bool) {
        // expect: HS-RAND-001
        bytes32 answerNow = blockhash(block.number - 1);
        return answerNow == guess;
    }

    function setAnswer() external {
        // expect: HS-RAND-001
        answer = uint8(uint256(keccak256(abi.encodePacked(blockhash(block.number - 1), block.timestamp))));
    }

    function helperSeed() external view returns (uint256) {
        // expect: HS-RAND-001
        return uint256(sha256(abi.encodePacked(_seed()))) % 10;
    }

    function _seed() internal view returns (uint256) {
        return block.timestamp + nonce;
    }

    // Commit-reveal: the hash of a block chosen when the guess was committed, unknown at that time.
    function reveal() external view returns (bool) {
        // ok: HS-RAND-001
        return uint256(blockhash(committedBlock[msg.sender])) == uint256(committedGuess[msg.sender]);
    }

    function commitId(bytes32 secret) external pure returns (bytes32) {
        // ok: HS-RAND-001
        return keccak256(abi.encodePacked(secret));
    }

    function orderHash(address maker, uint256 amount) external view returns (bytes32) {
        // ok: HS-RAND-001
        return keccak256(abi.encode(maker, amount, address(this)));
    }

    // An identifier that includes the time: a key, never a number.
    function orderId(address maker) external view returns (bytes32) {
        // ok: HS-RAND-001
        return keccak256(abi.encode(maker, block.timestamp));
    }

    mapping(bytes32 => bool) private seen;

    function record(address maker) external {
        // ok: HS-RAND-001
        bytes32 id = keccak256(abi.encodePacked(maker, block.number));
        seen[id] = true;
    }
}

// Pre-0.5 spellings, as deployed contracts still have them.
contract LegacyGuess {
    uint8 answer;

    function LegacyGuess() public payable {
        // expect: HS-RAND-001
        answer = uint8(keccak256(block.blockhash(block.number - 1), now));
    }

    function flip() public view returns (bool) {
        // expect: HS-RAND-001
        return uint256(sha3(block.difficulty, block.coinbase)) % 2 == 0;
    }
}
