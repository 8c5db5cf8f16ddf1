pragma solidity ^0.8.20;

contract Staking {
    struct Account {
        uint256 staked;
        uint256 rewardDebt;
    }

    mapping(address => Account) public accounts;
    Account[] public history;
    Account public totals;

    function settle(uint256 debt) external {
        // expect: HS-STORAGE-002
        Account memory acc = accounts[msg.sender];
        acc.rewardDebt = debt;
    }

    function stake(uint256 amount) external {
        // expect: HS-STORAGE-002
        Account memory acc = accounts[msg.sender];
        if (amount > 0) {
            acc.staked += amount;
        }
    }

    function bumpTotals(uint256 amount) external {
        // expect: HS-STORAGE-002
        Account memory t = totals;
        t.staked -= amount;
    }

    function settleByReference(uint256 debt) external {
        // ok: HS-STORAGE-002
        Account storage acc = accounts[msg.sender];
        acc.rewardDebt = debt;
    }

    function settleAndStore(uint256 debt) external {
        // ok: HS-STORAGE-002
        Account memory acc = accounts[msg.sender];
        acc.rewardDebt = debt;
        accounts[msg.sender] = acc;
    }

    function preview(address who, uint256 extra) external view returns (Account memory) {
        // ok: HS-STORAGE-002
        Account memory acc = accounts[who];
        acc.staked += extra;
        return acc;
    }

    function previewMutable(address who, uint256 extra) external returns (Account memory) {
        // ok: HS-STORAGE-002
        Account memory acc = accounts[who];
        acc.staked += extra;
        return acc;
    }
}
