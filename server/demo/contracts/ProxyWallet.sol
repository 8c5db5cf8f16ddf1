// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A wallet that runs "plugins" in its own context.
contract ProxyWallet {
    address public owner;

    constructor() {
        owner = msg.sender;
    }

    /// Anyone can point this at a contract that overwrites `owner` or self-destructs the wallet.
    function execute(address plugin, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory result) = plugin.delegatecall(data);
        require(ok, "plugin failed");
        return result;
    }
}
