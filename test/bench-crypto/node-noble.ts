// X25519 from node:crypto (OpenSSL), HSalsa20 + XSalsa20-Poly1305 from @noble/ciphers, BLAKE2b-192
// from @noble/hashes (OpenSSL's BLAKE2b has no 24-byte output in Node).
import { createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto'
import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa.js'
import { blake2b } from '@noble/hashes/blake2.js'

const SIGMA = new Uint32Array(new TextEncoder().encode('expand 32-byte k').buffer)
export function sealedBox(message: string, recipientPublicKeyBase64: string): string {
  const pk = Buffer.from(recipientPublicKeyBase64, 'base64')
  const recipient = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: pk.toString('base64url') }, format: 'jwk' })
  const { privateKey, publicKey } = generateKeyPairSync('x25519')
  const epk = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')
  const k = new Uint32Array(8)
  hsalsa(SIGMA, new Uint32Array(new Uint8Array(diffieHellman({ privateKey, publicKey: recipient })).buffer), new Uint32Array(4), k)
  const nonce = blake2b(Buffer.concat([epk, pk]), { dkLen: 24 })
  const box = xsalsa20poly1305(new Uint8Array(k.buffer), nonce).encrypt(new TextEncoder().encode(message))
  return Buffer.concat([epk, box]).toString('base64')
}
