import sodium from 'libsodium-wrappers'
import nacl from 'tweetnacl/nacl.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { LOW_ORDER_KEY, sealedBox } from '../src/github/sealed-box.js'
import { actionError } from './support/errors.js'

let keys: { publicKey: Uint8Array; privateKey: Uint8Array }
beforeAll(async () => {
  await sodium.ready
  keys = sodium.crypto_box_keypair()
})
const pk = () => Buffer.from(keys.publicKey).toString('base64')
const open = (sealed: string) => sodium.to_string(sodium.crypto_box_seal_open(Buffer.from(sealed, 'base64'), keys.publicKey, keys.privateKey))

describe('sealedBox', () => {
  it.each([
    ['an ASCII token', 'rt-0123456789abcdef'],
    ['PagerDuty-style with + and _', 'pdus+_0123/abc=='],
    ['non-ASCII text', 'jeton-été-🔑'],
    ['an empty string', ''],
    ['a long value', 'x'.repeat(5000)]
  ])('opens with libsodium crypto_box_seal_open: %s', (_, message) => {
    expect(open(sealedBox(message, pk()))).toBe(message)
  })

  it('is epk ‖ MAC ‖ ciphertext in standard base64, fresh each time', () => {
    const a = sealedBox('same', pk())
    const b = sealedBox('same', pk())
    expect(a).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(a, 'base64')).toHaveLength(32 + 16 + 4)
    expect(a).not.toBe(b)
  })

  it('does not open with another key pair', () => {
    const other = sodium.crypto_box_keypair()
    const sealed = Buffer.from(sealedBox('secret', pk()), 'base64')
    expect(() => sodium.crypto_box_seal_open(sealed, other.publicKey, other.privateKey)).toThrow()
  })

  it.each([
    ['0', Buffer.alloc(32)],
    ['1', Buffer.from([1, ...Array(31).fill(0)])],
    ['p (2^255 - 19, non-canonical 0)', Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex')]
  ])('refuses the low-order key u = %s, as libsodium does', (_, key) => {
    expect(actionError(() => sealedBox('x', key.toString('base64')), 'github_api').message).toBe("GitHub's public key for secrets is a low-order point, which no real X25519 key is: nothing was sealed. Check 'github-api-url'.")
    expect(() => sodium.crypto_box_seal(sodium.from_string('x'), new Uint8Array(key))).toThrow()
  })

  it('knows the key every low-order point yields, whatever the ephemeral secret', () => {
    for (let i = 0; i < 3; i++) {
      expect(Buffer.from(nacl.box.before(new Uint8Array(32), nacl.randomBytes(32)))).toEqual(LOW_ORDER_KEY)
    }
    expect(Buffer.from(nacl.box.before(keys.publicKey, nacl.randomBytes(32)))).not.toEqual(LOW_ORDER_KEY)
  })

  it('refuses a key that is not 32 bytes', () => {
    expect(actionError(() => sealedBox('x', Buffer.alloc(31).toString('base64')), 'github_api').message).toBe("GitHub's public key for secrets is 31 bytes, not the 32 of an X25519 key: nothing was sealed. Check 'github-api-url'.")
  })
})
