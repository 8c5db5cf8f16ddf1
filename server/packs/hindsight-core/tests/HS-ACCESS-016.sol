// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IPriceFeed {
    function latestAnswer() external view returns (int256);
}

// The contract restricts its fee to the owner, so it has an access model; the other setters are outside it.
contract Staking {
    address public owner;
    uint256 public fee;
    uint256 public rewardRate;
    uint256 public cap;
    IPriceFeed public feed;
    uint256 public lastVote;
    mapping(address => uint256) public staked;
    mapping(address => uint256) public preference;

    constructor() {
        owner = msg.sender;
        // ok: HS-ACCESS-016
        rewardRate = 1;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    function setFee(uint256 newFee) external onlyOwner {
        // ok: HS-ACCESS-016
        fee = newFee;
    }

    function setRewardRate(uint256 rate) external {
        // expect: HS-ACCESS-016
        rewardRate = rate;
    }

    // The price feed Rikkei Finance left open: any account installs its own.
    function setFeed(IPriceFeed newFeed) public {
        // expect: HS-ACCESS-016
        feed = newFeed;
    }

    // Through an internal function that a public one reaches without a check.
    function setCap(uint256 newCap) external {
        _setCap(newCap);
    }

    function _setCap(uint256 newCap) internal {
        // expect: HS-ACCESS-016
        cap = newCap;
    }

    // An internal setter that only a guarded function reaches is inside the access model.
    function setFeeByOwner(uint256 newFee) external onlyOwner {
        _setFee(newFee);
    }

    function _setFee(uint256 newFee) internal {
        // ok: HS-ACCESS-016
        fee = newFee;
    }

    // Guarded inline with a custom error, or by an early return: inside the access model.
    error NotOwner();

    function setFeeInline(uint256 newFee) external {
        if (msg.sender != owner) revert NotOwner();
        // ok: HS-ACCESS-016
        fee = newFee;
    }

    function setFeeIf(uint256 newFee) external {
        if (msg.sender == owner) {
            // ok: HS-ACCESS-016
            fee = newFee;
        }
    }

    // A user's own entry, not a contract-wide setting.
    function setPreference(uint256 p) external {
        // ok: HS-ACCESS-016
        preference[msg.sender] = p;
    }

    // The function looks at its caller (a weaker check than a guard, but a decision about who may act).
    function vote(uint256 v) external {
        require(staked[msg.sender] > 0, "no stake");
        // ok: HS-ACCESS-016
        lastVote = v;
    }

    // Not the caller's value as given.
    function bumpRate(uint256 by) external {
        // ok: HS-ACCESS-016
        rewardRate = rewardRate + by;
    }

    // Paid for: a purchase, not a setting.
    function buyCap(uint256 newCap) external payable {
        require(msg.value >= 1 ether, "pay");
        // ok: HS-ACCESS-016
        cap = newCap;
    }

    // Privileged state anyone sets is HS-ACCESS-007's, not reported twice.
    function setOwner(address newOwner) external {
        // ok: HS-ACCESS-016
        owner = newOwner;
    }
}

// Role-based access through a base: the base's guarded grant gives the derived contract an access model.
abstract contract Roles {
    mapping(bytes32 => mapping(address => bool)) internal roles;
    bytes32 internal constant ADMIN = keccak256("ADMIN");

    function hasRole(bytes32 role, address account) public view returns (bool) {
        return roles[role][account];
    }

    function grant(bytes32 role, address account) external {
        require(hasRole(ADMIN, msg.sender), "admin");
        roles[role][account] = true;
    }
}

contract Limits is Roles {
    uint256 public maxDeposit;

    function setMaxDeposit(uint256 m) external {
        // expect: HS-ACCESS-016
        maxDeposit = m;
    }
}

// No function restricts anything: a plain store that anyone may write is what it is meant to be.
contract Board {
    string public message;
    uint256 public value;

    function post(string calldata m) external {
        // ok: HS-ACCESS-016
        message = m;
    }

    function set(uint256 v) external {
        // ok: HS-ACCESS-016
        value = v;
    }
}

// Set once, by an initializer: the proxy's setup, not a setting anyone changes later.
contract Vault {
    address public owner;
    uint256 public limit;
    bool private initialized;

    function initialize(address o, uint256 l) external {
        require(!initialized, "done");
        initialized = true;
        owner = o;
        // ok: HS-ACCESS-016
        limit = l;
    }

    function sweep(address payable to) external {
        require(msg.sender == owner, "owner");
        to.transfer(address(this).balance);
    }
}
