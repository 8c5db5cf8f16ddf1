pragma solidity ^0.8.20;

contract Registry {
    address[] public members;
    uint256[] public ids;
    uint256[4] public slots;
    mapping(address => uint256) public indexOf;

    function remove(uint256 i) external {
        require(i < members.length, "index");
        // expect: HS-STORAGE-004
        delete members[i];
    }

    function removeId(uint256 i) external {
        // expect: HS-STORAGE-004
        delete ids[i];
    }

    function removeSwapAndPop(uint256 i) external {
        members[i] = members[members.length - 1];
        // ok: HS-STORAGE-004
        delete members[members.length - 1];
        members.pop();
    }

    function clearSlot(uint256 i) external {
        // ok: HS-STORAGE-004
        delete slots[i];
    }

    function forget(address who) external {
        // ok: HS-STORAGE-004
        delete indexOf[who];
    }
}
