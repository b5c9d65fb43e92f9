import sodium from 'libsodium-wrappers'
import { beforeAll, describe, expect, it } from 'vitest'
import { sealedBox } from '../src/sealed-box.js'

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

  it('refuses a low-order key, as libsodium does', () => {
    expect(() => sealedBox('x', Buffer.alloc(32).toString('base64'))).toThrow('low-order point')
  })

  it('refuses a key that is not 32 bytes', () => {
    expect(() => sealedBox('x', Buffer.alloc(31).toString('base64'))).toThrow('the public key is 31 bytes, not the 32 of an X25519 key')
  })
})
