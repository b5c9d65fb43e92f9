// No crypto at all: the floor the other variants are compared with.
export function sealedBox(_message: string, _recipientPublicKeyBase64: string): string {
  throw new Error('no sealed box in this build')
}
