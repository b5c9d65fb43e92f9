// The sealed box imports single files of two packages whose types cover only their index.
declare module 'blakejs/blake2b.js' {
  export function blake2b(input: Uint8Array, key?: Uint8Array, outlen?: number): Uint8Array
}
// nacl.js is TweetNaCl.js's plain port (half the size of nacl-fast.js, the package's main); the
// speed of nacl-fast is irrelevant for sealing one short token.
declare module 'tweetnacl/nacl.js' {
  import nacl from 'tweetnacl'
  export default nacl
}
