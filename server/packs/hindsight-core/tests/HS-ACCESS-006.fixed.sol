// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract Token is ERC20, Ownable {
    mapping(address => bool) public minters;
    uint256 public constant PRICE = 1e15;

    constructor() ERC20("T", "T") Ownable(msg.sender) {
        // ok: HS-ACCESS-006
        _mint(msg.sender, 1e24);
    }

    function mint(address to, uint256 amount) external onlyOwner {
        // expect: HS-ACCESS-006
        _mint(to, amount);
    }

    function airdrop(address to, uint256 amount) public onlyOwner {
        emit Airdrop(to);
        // expect: HS-ACCESS-006
        _mint(to, amount);
    }

    event Airdrop(address to);

    // Reached through an internal helper that nobody guards.
    function _issue(address to, uint256 amount) internal onlyOwner {
        // expect: HS-ACCESS-006
        _mint(to, amount);
    }

    function issue(address to, uint256 amount) external {
        _issue(to, amount);
    }

    function mintOwner(address to, uint256 amount) external onlyOwner {
        // ok: HS-ACCESS-006
        _mint(to, amount);
    }

    function mintByMinter(address to, uint256 amount) external {
        require(minters[msg.sender], "not minter");
        // ok: HS-ACCESS-006
        _mint(to, amount);
    }

    function mintByRole(address to, uint256 amount) external {
        require(hasRole(keccak256("MINTER_ROLE"), _msgSender()), "not minter");
        // ok: HS-ACCESS-006
        _mint(to, amount);
    }

    function hasRole(bytes32, address who) public view returns (bool) {
        return minters[who];
    }

    // The amount follows from what was paid, not from what was asked.
    function buy() external payable {
        // ok: HS-ACCESS-006
        _mint(msg.sender, msg.value / PRICE);
    }

    function _mintGuarded(address to, uint256 amount) internal {
        // ok: HS-ACCESS-006
        _mint(to, amount);
    }

    function mintGuarded(address to, uint256 amount) external onlyOwner {
        _mintGuarded(to, amount);
    }
}
