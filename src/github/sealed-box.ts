import { randomBytes } from 'node:crypto'
import { ActionError } from '../errors.js'
import { blake2b } from 'blakejs/blake2b.js'
import nacl from 'tweetnacl/nacl.js'

const KEY_BYTES = nacl.box.publicKeyLength
/** crypto_box_beforenm's key for any low-order public key: HSalsa20 with an all-zero key and input. */
export const LOW_ORDER_KEY = Buffer.from('351f86faa3b988468a850122b65b0acece9c4826806aeee63de9c0da2bd7f91e', 'hex')

/**
 * libsodium's `crypto_box_seal`, which GitHub requires for secret values
 * (https://libsodium.gitbook.io/doc/public-key_cryptography/sealed_boxes):
 * a fresh X25519 key pair, nonce = BLAKE2b-192(ephemeral pk ‖ recipient pk), then `crypto_box`
 * (X25519 + XSalsa20-Poly1305), sent as ephemeral pk ‖ box, base64 with padding (the original
 * variant). Built from TweetNaCl.js and blakejs, as GitHub's own former `tweetsodium` was: the
 * README compares this with libsodium-wrappers and noble, and a test opens the result with
 * libsodium's `crypto_box_seal_open`.
 */
export function sealedBox(message: string, recipientPublicKeyBase64: string): string {
  const recipient = Buffer.from(recipientPublicKeyBase64, 'base64')
  if (recipient.length !== KEY_BYTES) {
    throw new ActionError('github_api', `GitHub's public key for secrets is ${recipient.length} bytes, not the ${KEY_BYTES} of an X25519 key: nothing was sealed. Check 'github-api-url'.`)
  }
  // The ephemeral secret comes from node:crypto rather than TweetNaCl's PRNG detection, which
  // depends on how the bundle exposes `require`.
  const ephemeral = nacl.box.keyPair.fromSecretKey(new Uint8Array(randomBytes(KEY_BYTES)))
  // crypto_box = beforenm (X25519, then HSalsa20) + secretbox; computing the key once lets us
  // refuse a low-order recipient key as libsodium does (TweetNaCl does not check): its shared
  // secret is all zeros, so the key is HSalsa20 of zeros.
  const key = nacl.box.before(new Uint8Array(recipient), ephemeral.secretKey)
  ephemeral.secretKey.fill(0)
  if (Buffer.from(key).equals(LOW_ORDER_KEY)) throw new ActionError('github_api', "GitHub's public key for secrets is a low-order point, which no real X25519 key is: nothing was sealed. Check 'github-api-url'.")
  const nonce = blake2b(concat(ephemeral.publicKey, recipient), undefined, nacl.box.nonceLength)
  const box = nacl.secretbox(new TextEncoder().encode(message), nonce, key)
  key.fill(0)
  return Buffer.concat([ephemeral.publicKey, box]).toString('base64')
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
