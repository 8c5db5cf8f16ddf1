// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 {
    function balanceOf(address) external view returns (uint256);
}

interface IVotes {
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);
}

contract SpotDao {
    IERC20 public token;
    IVotes public votes;
    uint256 public threshold;
    mapping(uint256 => uint256) public forVotes;
    mapping(uint256 => uint256) public snapshot;
    mapping(uint256 => mapping(address => bool)) public voted;

    function propose(bytes calldata call) external returns (uint256 id) {
        // expect: HS-FLASH-001
        require(token.balanceOf(msg.sender) >= threshold, "below threshold");
        id = uint256(keccak256(call));
        snapshot[id] = block.number - 1;
    }

    function castVote(uint256 id) external {
        require(!voted[id][msg.sender], "voted");
        voted[id][msg.sender] = true;
        // expect: HS-FLASH-001
        forVotes[id] += token.balanceOf(msg.sender);
    }

    function _voteFor(address voter, uint256 id) internal {
        // expect: HS-FLASH-001
        uint256 weight = IERC20(token).balanceOf(voter);
        forVotes[id] += weight;
    }

    // Checkpointed voting power at the proposal's snapshot block.
    function castVoteAtSnapshot(uint256 id) external {
        require(!voted[id][msg.sender], "voted");
        voted[id][msg.sender] = true;
        // ok: HS-FLASH-001
        forVotes[id] += votes.getPastVotes(msg.sender, snapshot[id]);
    }

    // The treasury's own balance, not a voter's weight.
    function proposeGrant(uint256 amount) external view returns (bool) {
        // ok: HS-FLASH-001
        return token.balanceOf(address(this)) >= amount;
    }

    // Not a governance action.
    function holdings(address who) external view returns (uint256) {
        // ok: HS-FLASH-001
        return token.balanceOf(who);
    }
}

// A governance token that weighs votes by its own live balances.
contract VotingToken {
    mapping(address => uint256) private balances;
    mapping(uint256 => uint256) public tally;

    function balanceOf(address account) public view returns (uint256) {
        return balances[account];
    }

    function vote(uint256 proposal) external {
        // expect: HS-FLASH-001
        tally[proposal] += balanceOf(msg.sender);
    }
}
