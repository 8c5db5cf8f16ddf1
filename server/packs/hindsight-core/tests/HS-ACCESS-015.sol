// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

abstract contract Initializable {
    function _disableInitializers() internal {}
    modifier initializer() {
        _;
    }
}

abstract contract UUPSUpgradeable is Initializable {
    function _authorizeUpgrade(address) internal virtual;
}

abstract contract OwnableUpgradeable is Initializable {
    address private _owner;
    function __Ownable_init(address initialOwner) internal {
        _owner = initialOwner;
    }
    function _transferOwnership(address newOwner) internal {
        _owner = newOwner;
    }
    function owner() public view returns (address) {
        return _owner;
    }
    modifier onlyOwner() {
        require(msg.sender == _owner, "not owner");
        _;
    }
}

abstract contract AccessControlUpgradeable is Initializable {
    bytes32 public constant DEFAULT_ADMIN_ROLE = 0x00;
    mapping(bytes32 => mapping(address => bool)) internal _roles;
    function _grantRole(bytes32 role, address account) internal {
        _roles[role][account] = true;
    }
}

// Behind a UUPS proxy: the constructor ran on the implementation, the proxy's owner slot stays empty.
contract Graph is UUPSUpgradeable, OwnableUpgradeable {
    constructor() {
        // expect: HS-ACCESS-015
        _transferOwnership(msg.sender);
        _disableInitializers();
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}

contract Registry is UUPSUpgradeable {
    address public admin;
    uint256 public fee;

    constructor(address admin_) {
        // expect: HS-ACCESS-015
        admin = admin_;
        _disableInitializers();
    }

    function setFee(uint256 f) external {
        require(msg.sender == admin, "not admin");
        fee = f;
    }

    function _authorizeUpgrade(address) internal view override {
        require(msg.sender == admin, "not admin");
    }
}

contract Treasury is UUPSUpgradeable, AccessControlUpgradeable {
    constructor() {
        // expect: HS-ACCESS-015
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        _disableInitializers();
    }

    function _authorizeUpgrade(address) internal view override {
        require(_roles[DEFAULT_ADMIN_ROLE][msg.sender], "not admin");
    }
}

// The fix: the constructor only locks the implementation, initialize sets the owner in the proxy.
contract GraphFixed is UUPSUpgradeable, OwnableUpgradeable {
    constructor() {
        _disableInitializers();
    }

    function initialize(address initialOwner) external initializer {
        // ok: HS-ACCESS-015
        __Ownable_init(initialOwner);
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}

// Immutables live in the implementation's code, which the proxy runs: setting them in the constructor works.
contract Forwarded is UUPSUpgradeable {
    address public immutable trustedForwarder;
    address public admin;

    constructor(address forwarder) {
        // ok: HS-ACCESS-015
        trustedForwarder = forwarder;
        _disableInitializers();
    }

    function initialize(address admin_) external initializer {
        admin = admin_;
    }

    function _authorizeUpgrade(address) internal view override {
        require(msg.sender == admin, "not admin");
    }
}

// Not upgradeable: the constructor is the right place.
contract Plain {
    address public owner;

    constructor() {
        // ok: HS-ACCESS-015
        owner = msg.sender;
    }
}

// The constructor locks the implementation to its deployer; initialize sets the proxy's admin.
contract LockedImplementation is UUPSUpgradeable {
    address public admin;

    constructor() {
        // ok: HS-ACCESS-015
        admin = msg.sender;
    }

    function initialize(address admin_) external initializer {
        admin = admin_;
    }

    function _authorizeUpgrade(address) internal view override {
        require(msg.sender == admin, "not admin");
    }
}
