/**
 * The sealed value of the rotation state (src/rotation/sealed-value.ts): AES-256-GCM under an
 * HKDF-SHA-256 key from a refresh token, bound to where the value lives. A value written by an
 * earlier release must still open (the vector below was sealed by this code and is kept as the
 * format's known answer); anything changed, truncated, sealed for another secret or copied to
 * another place opens to nothing.
 */
import { describe, expect, it } from 'vitest'
import { openValue, sealValue } from '../src/rotation/sealed-value.js'

const SECRET = 'rt-vector-0123456789abcdef'
const CONTEXT = 'the repository secret RT of octo/app\nclient_id=cid'
const PLAIN = '{"access_token":"at-vector"}'
/** Sealed on 2026-12-01 by sealValue(PLAIN, SECRET, CONTEXT). */
const VECTOR = 'v1.ktw9MDhhM7vjd-1x4atC-Q.QwqP3b_Eh_0TpmNo.-aWgBAd6x-1prGCWMjYPrEB4J5qwZ6wqqd1a5bjyTW7UuUnOrtKd-4BfhTg'

describe('sealed values', () => {
  it('opens the known-answer vector: the format, the key derivation and the bound context are stable', () => {
    expect(openValue(VECTOR, SECRET, CONTEXT)).toBe(PLAIN)
  })

  it('seals to v1.<salt 16>.<iv 12>.<ciphertext‖tag>, fresh each time, and opens what it sealed', () => {
    const a = sealValue('héllo', SECRET, CONTEXT)
    const parts = a.split('.')
    expect(parts[0]).toBe('v1')
    expect(parts.slice(1).map((p) => Buffer.from(p, 'base64url').length)).toEqual([16, 12, Buffer.byteLength('héllo') + 16])
    expect(sealValue('héllo', SECRET, CONTEXT)).not.toBe(a)
    expect(openValue(a, SECRET, CONTEXT)).toBe('héllo')
    expect(openValue(sealValue('', SECRET, CONTEXT), SECRET, CONTEXT)).toBe('')
  })

  it('opens to nothing under another secret or in another place', () => {
    expect(openValue(VECTOR, 'rt-other-0123456789abcdef', CONTEXT)).toBeUndefined()
    expect(openValue(VECTOR, SECRET, 'the repository secret RT of octo/other\nclient_id=cid')).toBeUndefined()
  })

  it.each([
    ['another version', VECTOR.replace(/^v1/, 'v2')],
    ['a part missing', VECTOR.split('.').slice(0, 3).join('.')],
    ['a part more', `${VECTOR}.AAAA`],
    ['a short salt', VECTOR.replace('ktw9MDhhM7vjd-1x4atC-Q', 'ktw9MDhhM7vjd-1x4atC')],
    ['a short iv', VECTOR.replace('QwqP3b_Eh_0TpmNo', 'QwqP3b_Eh_0T')],
    ['a body shorter than a tag', VECTOR.split('.').slice(0, 3).concat('AAAA').join('.')],
    ['a changed byte', VECTOR.slice(0, -2) + (VECTOR.endsWith('hTg') ? 'Ag' : 'Tg')],
    ['not a sealed value', 'hello']
  ])('%s: nothing', (_, value) => {
    expect(openValue(value, SECRET, CONTEXT)).toBeUndefined()
  })
})
