// @noble/curves (X25519) + @noble/ciphers (HSalsa20, XSalsa20-Poly1305) + @noble/hashes (BLAKE2b).
import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { x25519 } from '@noble/curves/ed25519.js'
import { blake2b } from '@noble/hashes/blake2.js'

const SIGMA = new Uint32Array(new TextEncoder().encode('expand 32-byte k').buffer) // little-endian hosts
export function sealedBox(message: string, recipientPublicKeyBase64: string): string {
  const pk = new Uint8Array(Buffer.from(recipientPublicKeyBase64, 'base64'))
  const { secretKey, publicKey: epk } = x25519.keygen()
  const shared = x25519.getSharedSecret(secretKey, pk)
  const k = new Uint32Array(8)
  hsalsa(SIGMA, new Uint32Array(shared.slice().buffer), new Uint32Array(4), k) // crypto_box_beforenm
  const nonce = blake2b(Buffer.concat([epk, pk]), { dkLen: 24 })
  const box = xsalsa20poly1305(new Uint8Array(k.buffer), nonce).encrypt(new TextEncoder().encode(message))
  return Buffer.concat([epk, box]).toString('base64')
}
