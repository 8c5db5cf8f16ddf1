pragma solidity ^0.8.20;

contract Quiz {
    address public owner = msg.sender;
    bytes32 public responseHash;
    string public question;

    modifier onlyOwner() {
        require(msg.sender == owner);
        _;
    }

    function play(string calldata response) external payable {
        require(msg.value >= 1 ether);
        // expect: HS-HONEY-003
        if (responseHash == keccak256(abi.encodePacked(response))) {
            payable(msg.sender).transfer(address(this).balance);
        }
    }

    function playAgain(string calldata response) external payable {
        // expect: HS-HONEY-003
        require(keccak256(bytes(response)) == responseHash, "wrong");
        payable(msg.sender).transfer(address(this).balance);
    }

    function setQuestion(string calldata q, bytes32 h) external onlyOwner {
        question = q;
        responseHash = h;
    }
}

contract FixedQuiz {
    bytes32 public immutable responseHash;

    constructor(bytes32 h) payable {
        responseHash = h;
    }

    function play(string calldata response) external payable {
        // ok: HS-HONEY-003
        if (responseHash == keccak256(abi.encodePacked(response))) {
            payable(msg.sender).transfer(address(this).balance);
        }
    }
}

contract Commit {
    mapping(address => bytes32) public commitments;

    function commit(bytes32 c) external {
        commitments[msg.sender] = c;
    }

    function reveal(uint256 v, bytes32 salt) external payable {
        // ok: HS-HONEY-003
        require(commitments[msg.sender] == keccak256(abi.encodePacked(v, salt)));
    }
}
