import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * A value kept in an Actions variable, which anyone who can read the repository's variables can
 * read: AES-256-GCM under a key derived with HKDF-SHA-256 (RFC 5869) from a secret the caller holds
 * and a fresh random salt per value, so each value has its own key and a random 96-bit IV can never
 * repeat under one. `context` names where the value lives; it is bound as additional data, so a
 * value copied to another variable does not open.
 *
 * Format: `v1.<salt>.<iv>.<ciphertext‖tag>`, base64url.
 */
const INFO = 'oauth-refresh-action/sealed-value/v1'

function key(secret: string, salt: Buffer, context: string): Buffer {
  // Stryker disable next-line StringLiteral: Buffer.from(text, '') is UTF-8 too (Node's default encoding)
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, `${INFO}\n${context}`, 32))
}

export function sealValue(plaintext: string, secret: string, context: string): string {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(secret, salt, context), iv)
  // Stryker disable next-line StringLiteral: '' is Node's default encoding, UTF-8
  cipher.setAAD(Buffer.from(context, 'utf8'))
  // Stryker disable next-line StringLiteral: '' is Node's default encoding, UTF-8
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  // Stryker disable next-line ConditionalExpression,StringLiteral: a string's toString ignores its argument, so 'v1' stays 'v1' either way
  return ['v1', salt, iv, sealed].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
}

/** The plaintext, or undefined when the value is not ours, was changed, or was sealed under another secret. */
export function openValue(value: string, secret: string, context: string): string | undefined {
  const parts = value.split('.')
  if (parts.length !== 4 || parts[0] !== 'v1') return undefined
  const [salt, iv, sealed] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer]
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: without this check a wrong length fails GCM's tag check below, which also answers undefined; the check says why early
  if (salt.length !== 16 || iv.length !== 12 || sealed.length < 16) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(secret, salt, context), iv)
    // Stryker disable next-line StringLiteral: '' is Node's default encoding, UTF-8
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(sealed.subarray(sealed.length - 16))
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8')
    // Stryker disable next-line BlockStatement: an empty catch falls off the end of the function, which answers undefined as well
  } catch {
    return undefined
  }
}
