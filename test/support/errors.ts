import { expect } from 'vitest'
import { ActionError, type ErrorCode } from '../../src/errors.js'

/**
 * Runs `f` and returns the ActionError it threw, having asserted its class and stable code (issue
 * 19: `expect(f).toThrow('text')` also passes when `f` throws something that is not an ActionError,
 * or one with another code). Tests then assert the message on what this returns.
 */
export function actionError(f: () => unknown, code: ErrorCode): ActionError {
  let caught: unknown
  try {
    f()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(ActionError)
  expect((caught as ActionError).code).toBe(code)
  return caught as ActionError
}
