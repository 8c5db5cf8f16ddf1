// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

contract Drop is ERC721 {
    mapping(address => uint256) public minted;
    uint256 public totalMinted;
    mapping(uint256 => bool) public claimed;

    constructor() ERC721("Drop", "DRP") {}

    function mint() external {
        require(minted[msg.sender] < 2, "limit");
        // expect: HS-REENT-003
        _safeMint(msg.sender, totalMinted);
        minted[msg.sender] += 1;
        totalMinted += 1;
    }

    function release(ERC721 nft, uint256 id) external {
        require(!claimed[id], "claimed");
        // expect: HS-REENT-003
        nft.safeTransferFrom(address(this), msg.sender, id);
        claimed[id] = true;
    }

    // The base's body is not in this file: `balanceOf` reads and `_safeMint` writes its balances all the same.
    // A receiver re-entering from the first hook passes the limit again, then the loop mints the rest.
    function mintMany(uint256 amount) external {
        require(balanceOf(msg.sender) + amount <= 10, "limit");
        for (uint256 i = 0; i < amount; i++) {
            // expect: HS-REENT-003
            _safeMint(msg.sender, uint256(keccak256(abi.encode(msg.sender, i))));
        }
    }

    // One mint, nothing written after it.
    function mintOne(uint256 id) external {
        require(balanceOf(msg.sender) == 0, "one each");
        // ok: HS-REENT-003
        _safeMint(msg.sender, id);
    }

    function mintCEI() external {
        require(minted[msg.sender] < 2, "limit");
        minted[msg.sender] += 1;
        uint256 id = totalMinted++;
        // ok: HS-REENT-003
        _safeMint(msg.sender, id);
    }

    function releaseCEI(ERC721 nft, uint256 id) external {
        require(!claimed[id], "claimed");
        claimed[id] = true;
        // ok: HS-REENT-003
        nft.safeTransferFrom(address(this), msg.sender, id);
    }
}
