// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Drain {
    mapping(address => uint256) public balances;
    address public owner;

    constructor() {
        owner = msg.sender;
    }

    receive() external payable {}

    function deposit() external payable {
        balances[msg.sender] += msg.value;
    }

    // Nothing checked, nothing recorded: the whole balance to whoever asks.
    function withdrawAll() external {
        // expect: HS-ACCESS-010
        payable(msg.sender).transfer(address(this).balance);
    }

    // The refund is paid, but never zeroed: call it again and again.
    function refund() external {
        // expect: HS-ACCESS-010
        (bool ok, ) = msg.sender.call{value: balances[msg.sender]}("");
        require(ok);
    }

    // To an address the caller passes.
    function sweep(address payable to) external {
        // expect: HS-ACCESS-010
        to.transfer(address(this).balance);
    }

    // The caller's own balance, debited first.
    function withdraw() external {
        uint256 amount = balances[msg.sender];
        balances[msg.sender] = 0;
        // ok: HS-ACCESS-010
        payable(msg.sender).transfer(amount);
    }

    // The owner's call.
    function rescue(address payable to) external {
        require(msg.sender == owner, "owner");
        // ok: HS-ACCESS-010
        to.transfer(address(this).balance);
    }

    // Anyone may trigger it, but the ether goes to the owner.
    function payOwner() external {
        // ok: HS-ACCESS-010
        payable(owner).transfer(address(this).balance);
    }
}

// The owner check is there, but anyone can make themselves the owner first.
contract Takeover {
    address public creator;
    mapping(address => uint256) public owners;

    modifier onlyCreator() {
        require(msg.sender == creator, "creator");
        _;
    }

    modifier onlyOwner() {
        require(owners[msg.sender] != 0, "owner");
        _;
    }

    constructor() {
        creator = msg.sender;
        owners[msg.sender] = 1;
    }

    function initWallet() public {
        creator = msg.sender;
    }

    function addOwner(address who) external {
        owners[who] = 1;
    }

    function migrate(address payable to) external onlyCreator {
        // expect: HS-ACCESS-010
        to.transfer(address(this).balance);
    }

    function withdrawAll() external onlyOwner {
        // expect: HS-ACCESS-010
        payable(msg.sender).transfer(address(this).balance);
    }
}

// The same owner check, with every write of the owner guarded or done once.
contract Guarded {
    address public creator;
    bool private initialized;

    constructor() {
        creator = msg.sender;
    }

    function init(address c) external {
        require(!initialized, "done");
        initialized = true;
        creator = c;
    }

    function setCreator(address c) external {
        require(msg.sender == creator, "creator");
        creator = c;
    }

    function migrate(address payable to) external {
        require(msg.sender == creator, "creator");
        // ok: HS-ACCESS-010
        to.transfer(address(this).balance);
    }
}

// Pre-0.5 spellings.
contract LegacyDrain {
    function withdrawAllAnyone() {
        // expect: HS-ACCESS-010
        msg.sender.call.value(this.balance)();
    }

    function () public payable {}
}
