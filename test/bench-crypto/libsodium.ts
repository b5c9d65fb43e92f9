// libsodium-wrappers, as GitHub's REST API docs show; it must finish loading its WebAssembly first.
import sodium from 'libsodium-wrappers'

await sodium.ready
export function sealedBox(message: string, recipientPublicKeyBase64: string): string {
  const pk = sodium.from_base64(recipientPublicKeyBase64, sodium.base64_variants.ORIGINAL)
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(message), pk), sodium.base64_variants.ORIGINAL)
}
