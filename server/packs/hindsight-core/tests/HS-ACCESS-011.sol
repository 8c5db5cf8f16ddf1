// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

contract LooseNFT is ERC721 {
    constructor() ERC721("Loose", "L") {}

    // Anyone moves anyone's token: nothing asks who is calling.
    function transferFrom(address from, address to, uint256 tokenId) public override {
        // expect: HS-ACCESS-011
        _transfer(from, to, tokenId);
    }

    function rescue(address from, address to, uint256 tokenId) external {
        // expect: HS-ACCESS-011
        _safeTransfer(from, to, tokenId, "");
    }
}

contract CheckedNFT is ERC721 {
    constructor() ERC721("Checked", "C") {}

    function transferFrom(address from, address to, uint256 tokenId) public override {
        require(_isAuthorized(from, _msgSender(), tokenId), "not approved");
        // ok: HS-ACCESS-011
        _transfer(from, to, tokenId);
    }

    // Moves the caller's own token.
    function give(address to, uint256 tokenId) external {
        // ok: HS-ACCESS-011
        _transfer(msg.sender, to, tokenId);
    }
}

contract LooseToken is ERC20 {
    mapping(address => mapping(address => uint256)) private allowed;

    constructor() ERC20("Loose", "L") {}

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        // expect: HS-ACCESS-011
        _transfer(from, to, value);
        return true;
    }

    // The allowance is spent, by whatever name.
    function pull(address from, address to, uint256 value) external {
        allowed[from][msg.sender] -= value;
        // ok: HS-ACCESS-011
        _transfer(from, to, value);
    }

    // Authorised by the owner's signature.
    function transferSigned(address from, address to, uint256 value, uint8 v, bytes32 r, bytes32 s) external {
        require(ecrecover(keccak256(abi.encode(from, to, value)), v, r, s) == from, "signature");
        // ok: HS-ACCESS-011
        _transfer(from, to, value);
    }
}
