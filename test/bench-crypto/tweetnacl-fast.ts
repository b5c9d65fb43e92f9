// TweetNaCl.js and blakejs through their package entry points (nacl-fast.js, BLAKE2b + BLAKE2s).
import { randomBytes } from 'node:crypto'
import blake from 'blakejs'
import nacl from 'tweetnacl'

export function sealedBox(message: string, recipientPublicKeyBase64: string): string {
  const pk = new Uint8Array(Buffer.from(recipientPublicKeyBase64, 'base64'))
  const eph = nacl.box.keyPair.fromSecretKey(new Uint8Array(randomBytes(32)))
  const nonce = blake.blake2b(Buffer.concat([eph.publicKey, pk]), undefined, 24)
  return Buffer.concat([eph.publicKey, nacl.box(new TextEncoder().encode(message), nonce, pk, eph.secretKey)]).toString('base64')
}
