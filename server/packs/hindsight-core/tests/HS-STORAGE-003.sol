pragma solidity ^0.8.20;

contract Groups {
    struct Group {
        uint256 id;
        mapping(address => bool) members;
    }

    struct Nested {
        uint256 created;
        Group group;
    }

    struct Plain {
        uint256 id;
        address lead;
    }

    mapping(uint256 => Group) private groups;
    mapping(uint256 => Nested) private nested;
    mapping(uint256 => Plain) private plain;
    Group private single;

    function join(uint256 groupId) external {
        groups[groupId].members[msg.sender] = true;
    }

    function dissolve(uint256 groupId) external {
        // expect: HS-STORAGE-003
        delete groups[groupId];
    }

    function dissolveNested(uint256 groupId) external {
        // expect: HS-STORAGE-003
        delete nested[groupId];
    }

    function reset() external {
        // expect: HS-STORAGE-003
        delete single;
    }

    function leave(uint256 groupId) external {
        // ok: HS-STORAGE-003
        delete groups[groupId].members[msg.sender];
    }

    function clearPlain(uint256 id) external {
        // ok: HS-STORAGE-003
        delete plain[id];
    }
}
