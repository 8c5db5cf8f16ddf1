// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract Token is ERC20, Ownable {
    mapping(address => bool) public minters;

    constructor() ERC20("T", "T") Ownable(msg.sender) {}

    // expect: HS-ACCESS-006
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    // expect: HS-ACCESS-006
    function airdrop(address to, uint256 amount) public {
        emit Airdrop(to);
        _mint(to, amount);
    }

    event Airdrop(address to);

    // ok: HS-ACCESS-006
    function mintOwner(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    // ok: HS-ACCESS-006
    function mintByMinter(address to, uint256 amount) external {
        require(minters[msg.sender], "not minter");
        _mint(to, amount);
    }

    // ok: HS-ACCESS-006
    function mintByRole(address to, uint256 amount) external {
        require(hasRole(keccak256("MINTER_ROLE"), _msgSender()), "not minter");
        _mint(to, amount);
    }

    function hasRole(bytes32, address who) public view returns (bool) {
        return minters[who];
    }

    // ok: HS-ACCESS-006
    function _mintInternal(address to, uint256 amount) internal {
        _mint(to, amount);
    }
}
