// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

interface IToken {
    function transfer(address to, uint256 amount) external returns (bool);
}

contract Claims {
    using ECDSA for bytes32;
    using MessageHashUtils for bytes32;

    IToken public token;
    address public signer;
    mapping(address => uint256) public nonces;
    mapping(bytes32 => bool) public used;
    mapping(address => mapping(uint256 => bool)) public usedNonce;
    mapping(address => uint256) public balances;

    function claim(address to, uint256 amount, uint8 v, bytes32 r, bytes32 s) external {
        bytes32 digest = keccak256(abi.encodePacked(to, amount, block.chainid, address(this)));
        // expect: HS-SIG-005
        address who = ecrecover(digest, v, r, s);
        require(who != address(0) && who == signer, "bad signature");
        balances[to] += amount;
    }

    function claim2(address to, uint256 amount, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(to, amount, block.chainid));
        // expect: HS-SIG-005
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
        balances[to] += amount;
    }

    // The digest built inline, recovered through the bound form, and a withdrawal replayed at will.
    function withdraw(uint256 amount, bytes calldata sig) external {
        // expect: HS-SIG-005
        address who = keccak256(abi.encode(msg.sender, amount)).toEthSignedMessageHash().recover(sig);
        require(who == signer, "bad signature");
        require(token.transfer(msg.sender, amount));
    }

    // A nonce in the signed data that nothing consumes is no protection.
    function claimStaleNonce(address to, uint256 amount, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to], block.chainid));
        // expect: HS-SIG-005
        require(SignatureChecker.isValidSignatureNow(signer, digest, sig), "bad signature");
        balances[to] += amount;
    }

    function claimNonce(address to, uint256 amount, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(to, amount, nonces[to]++, block.chainid));
        // ok: HS-SIG-005
        address who = ECDSA.recover(digest, sig);
        require(who == signer, "bad signature");
        balances[to] += amount;
    }

    function claimOnce(address to, uint256 amount, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(to, amount, block.chainid));
        // ok: HS-SIG-005
        address who = ECDSA.recover(digest, sig);
        require(who == signer && !used[digest], "bad signature");
        used[digest] = true;
        balances[to] += amount;
    }

    // The nonce read into the digest and advanced afterwards.
    function claimNonceLater(address to, uint256 amount, bytes calldata sig) external {
        uint256 nonce = nonces[to];
        bytes32 digest = keccak256(abi.encode(to, amount, nonce, block.chainid)).toEthSignedMessageHash();
        // ok: HS-SIG-005
        require(digest.recover(sig) == signer, "bad signature");
        nonces[to] = nonce + 1;
        balances[to] += amount;
    }

    // A nonce the signer picks, marked used.
    function claimPicked(address to, uint256 amount, uint256 nonce, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(to, amount, nonce, block.chainid));
        // ok: HS-SIG-005
        require(ECDSA.recover(digest, sig) == signer && !usedNonce[to][nonce], "bad signature");
        usedNonce[to][nonce] = true;
        balances[to] += amount;
    }

    // A nonce consumed by a helper.
    function claimHelper(address to, uint256 amount, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(to, amount, _useNonce(to), block.chainid));
        // ok: HS-SIG-005
        require(ECDSA.recover(digest, sig) == signer, "bad signature");
        balances[to] += amount;
    }

    function _useNonce(address owner) internal returns (uint256) {
        return nonces[owner]++;
    }

    // A helper handed the digest: whoever builds the digest answers for replay.
    function _signerOf(bytes32 digest, bytes calldata sig) internal pure returns (address) {
        // ok: HS-SIG-005
        return ECDSA.recover(digest, sig);
    }
}

// Relayed grants: replaying one sets a flag that is already set, as long as nothing ever clears it.
contract Members {
    using ECDSA for bytes32;
    using MessageHashUtils for bytes32;

    mapping(address => bool) public isAdmin;
    mapping(address => bool) public isMember;
    mapping(address => bool) public isBanned;

    constructor() {
        isAdmin[msg.sender] = true;
    }

    function addMember(address user, bytes calldata sig) external {
        bytes32 hash = keccak256(abi.encodePacked(user));
        // ok: HS-SIG-005
        address signer = hash.toEthSignedMessageHash().recover(sig);
        require(isAdmin[signer] && !isMember[user], "not allowed");
        isMember[user] = true;
    }

    // A ban lifted by signature, while an admin can ban again: the old signature lifts every later ban.
    function unban(address user, bytes calldata sig) external {
        bytes32 hash = keccak256(abi.encodePacked("unban", user));
        // expect: HS-SIG-005
        address signer = hash.toEthSignedMessageHash().recover(sig);
        require(isAdmin[signer] && isBanned[user], "not allowed");
        isBanned[user] = false;
    }

    function ban(address user) external {
        require(isAdmin[msg.sender], "admin");
        isBanned[user] = true;
    }
}

// Nonces and marks kept by helpers, as token and governance libraries write them.
contract Authorizations {
    address public signer;
    mapping(address => uint256) private _nonces;
    mapping(address => mapping(bytes32 => bool)) private _spent;
    mapping(address => uint256) public balances;

    function nonceOf(address owner) public view returns (uint256) {
        return _nonces[owner];
    }

    function _takeNonce(address owner) internal returns (uint256) {
        return _nonces[owner]++;
    }

    function _takeExactNonce(address owner, uint256 nonce) internal {
        uint256 current = _takeNonce(owner);
        if (nonce != current) revert("wrong nonce");
    }

    function _spend(address owner, bytes32 id) internal {
        require(!_spent[owner][id], "spent");
        _spent[owner][id] = true;
    }

    // The signer's nonce checked by a helper that advances it.
    function moveBySig(address from, address to, uint256 amount, uint256 nonce, uint8 v, bytes32 r, bytes32 s) external {
        bytes32 digest = keccak256(abi.encode(from, to, amount, nonce));
        // ok: HS-SIG-005
        require(ecrecover(digest, v, r, s) == from, "bad signature");
        _takeExactNonce(from, nonce);
        balances[from] -= amount;
        balances[to] += amount;
    }

    // A random id the signer picked, spent by a helper.
    function moveWithId(address from, address to, uint256 amount, bytes32 id, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(from, to, amount, id));
        // ok: HS-SIG-005
        require(ECDSA.recover(digest, sig) == from, "bad signature");
        _spend(from, id);
        balances[from] -= amount;
        balances[to] += amount;
    }

    // The nonce read through a getter, then advanced.
    function moveGetter(address from, address to, uint256 amount, bytes calldata sig) external {
        bytes32 digest = keccak256(abi.encode(from, to, amount, nonceOf(from)));
        // ok: HS-SIG-005
        require(ECDSA.recover(digest, sig) == from, "bad signature");
        _takeNonce(from);
        balances[from] -= amount;
        balances[to] += amount;
    }

    // Only a check: whoever acts on the answer consumes the signature.
    function isSigned(bytes32 what, bytes calldata sig) external view returns (bool) {
        // ok: HS-SIG-005
        return ECDSA.recover(keccak256(abi.encode(what)), sig) == signer;
    }
}

// Verification in a view, acted on by its callers.
contract Vouchers {
    struct Voucher {
        address to;
        uint256 amount;
        uint256 nonce;
        bytes sig;
    }

    address public issuer;
    mapping(address => uint256) public nonces;
    mapping(address => uint256) public credit;

    function _isIssued(Voucher memory v) internal view returns (bool) {
        bytes32 digest = keccak256(abi.encode(v.to, v.amount, v.nonce));
        // ok: HS-SIG-005
        return ECDSA.recover(digest, v.sig) == issuer;
    }

    // The caller checks the voucher's nonce against the one it advances.
    function redeem(Voucher calldata v) external {
        require(_isIssued(v), "not issued");
        require(v.nonce == nonces[v.to]++, "used");
        credit[v.to] += v.amount;
    }
}

contract OpenVouchers {
    struct Voucher {
        address to;
        uint256 amount;
        bytes sig;
    }

    address public issuer;
    mapping(address => uint256) public credit;

    function isIssued(Voucher memory v) public view returns (bool) {
        bytes32 digest = keccak256(abi.encode(v.to, v.amount));
        // expect: HS-SIG-005
        return ECDSA.recover(digest, v.sig) == issuer;
    }

    // Every caller redeems without marking the voucher.
    function redeem(Voucher calldata v) external {
        require(isIssued(v), "not issued");
        credit[v.to] += v.amount;
    }
}

// A library's verification serves contracts out of sight: they answer for replay.
library SigLib {
    function signerOf(bytes32 hash, uint8 v, bytes32 r, bytes32 s) internal pure returns (address) {
        // ok: HS-SIG-005
        return ecrecover(hash, v, r, s);
    }
}

// The mark is keyed by an id computed from the signed fields, and checked before the move.
contract Relayed {
    mapping(address => uint256) public balances;
    mapping(bytes32 => bool) public done;

    function idOf(address to, uint256 amount, uint256 salt) public view returns (bytes32) {
        return keccak256(abi.encode(address(this), to, amount, salt));
    }

    function move(address to, uint256 amount, uint256 salt, uint8 v, bytes32 r, bytes32 s) external {
        bytes32 id = idOf(to, amount, salt);
        require(!done[id], "done");
        // ok: HS-SIG-005
        address from = ecrecover(keccak256(abi.encode(to, amount, salt)), v, r, s);
        balances[from] -= amount;
        balances[to] += amount;
        done[id] = true;
    }
}

// Set-once flags are a mark only when checked, or when they are all the function does.
contract Roles {
    using ECDSA for bytes32;
    using MessageHashUtils for bytes32;

    mapping(address => bool) public isAdmin;
    mapping(address => bool) public isViewer;
    mapping(address => uint256) public points;

    constructor() {
        isAdmin[msg.sender] = true;
    }

    // Replaying sets flags that are already set and nothing else: the first submission could do as much.
    function enroll(address account, bool asAdmin, bytes calldata sig) external {
        bytes32 hash = keccak256(abi.encodePacked(account));
        // ok: HS-SIG-005
        address by = hash.toEthSignedMessageHash().recover(sig);
        require(isAdmin[by], "not an admin");
        if (asAdmin) isAdmin[account] = true;
        else isViewer[account] = true;
    }

    // The flag is set but never checked (`isAdmin[by]` is another entry), and every replay credits again.
    function enrollWithBonus(address account, bytes calldata sig) external {
        bytes32 hash = keccak256(abi.encodePacked(account));
        // expect: HS-SIG-005
        address by = hash.toEthSignedMessageHash().recover(sig);
        require(isAdmin[by], "not an admin");
        isAdmin[account] = true;
        points[account] += 100;
    }

    // The same with ether: each replay pays once more.
    function enrollWithGift(address payable account, bytes calldata sig) external {
        bytes32 hash = keccak256(abi.encodePacked(account));
        // expect: HS-SIG-005
        address by = hash.toEthSignedMessageHash().recover(sig);
        require(isAdmin[by], "not an admin");
        isAdmin[account] = true;
        account.transfer(0.01 ether);
    }

    // Checked before it is set: a replay reverts, whatever else the function does.
    function enrollOnce(address account, bytes calldata sig) external {
        bytes32 hash = keccak256(abi.encodePacked("once", account));
        // ok: HS-SIG-005
        address by = hash.toEthSignedMessageHash().recover(sig);
        require(isAdmin[by] && !isViewer[account], "not allowed");
        isViewer[account] = true;
        points[account] += 100;
    }
}
