import { describe, expect, it, vi } from 'vitest';
import { rejectionOf } from '../../test/support/rejection.js';
import { AttacheError, ErrorCode } from '../errors.js';
import type { ProcessStreamTarget } from '../transport/types.js';
import {
  ExchangeTimeoutError,
  InvalidConfigError,
  TestKitError,
  TestKitErrorCode,
  UnsupportedFeatureError,
} from './errors.js';
import { runExchange } from './index.js';

/** A server that accepts every stream and never answers. */
const silent: ProcessStreamTarget = {
  maxReceiveMessageBytes: 4 * 1024 * 1024,
  connect: () => ({ message() {}, halfClose() {}, cancel() {} }),
};

// One trigger per kit code, through runExchange as a test would meet it.
const triggers: Record<TestKitErrorCode, () => Promise<unknown>> = {
  [TestKitErrorCode.INVALID_CONFIG]: () =>
    rejectionOf(runExchange(silent, { envoy: { messageTimeoutMs: -1 } })),
  [TestKitErrorCode.UNSUPPORTED_FEATURE]: () =>
    rejectionOf(runExchange(silent, { envoy: { processingMode: { requestBodyMode: 'GRPC' } } })),
  [TestKitErrorCode.EXCHANGE_TIMEOUT]: () =>
    // Envoy's own message timeout is out of the way (one hour), so only the kit's net catches it.
    rejectionOf(runExchange(silent, { envoy: { messageTimeoutMs: 3_600_000 }, timeoutMs: 50 })),
};

const classOf = {
  [TestKitErrorCode.INVALID_CONFIG]: InvalidConfigError,
  [TestKitErrorCode.UNSUPPORTED_FEATURE]: UnsupportedFeatureError,
  [TestKitErrorCode.EXCHANGE_TIMEOUT]: ExchangeTimeoutError,
} as const;

describe('test kit errors', () => {
  it('has one trigger per exported code', () => {
    expect(Object.keys(triggers).sort()).toEqual(Object.values(TestKitErrorCode).sort());
    for (const [key, code] of Object.entries(TestKitErrorCode)) expect(code).toBe(`ATTACHE_KIT_ERR_${key}`);
  });

  for (const [code, trigger] of Object.entries(triggers) as Array<
    [TestKitErrorCode, () => Promise<unknown>]
  >) {
    it(`${code} is raised, as its own class`, async () => {
      const error = await trigger();
      expect(error).toBeInstanceOf(TestKitError);
      expect(error).toBeInstanceOf(classOf[code]);
      expect((error as TestKitError).code).toBe(code);
      for (const [other, cls] of Object.entries(classOf)) {
        if (other !== code) expect(error).not.toBeInstanceOf(cls);
      }
    });
  }

  it('names the field of a bad expression or string matcher', async () => {
    const bad = await rejectionOf(
      runExchange(silent, { envoy: { mutationRules: { allowExpression: 'x-(' } } }),
    );
    expect(bad).toBeInstanceOf(InvalidConfigError);
    expect((bad as Error).message).toMatch(/^mutationRules\.allowExpression: invalid regular expression/);
    const matcher = await rejectionOf(
      runExchange(silent, {
        envoy: { forwardRules: { disallowedHeaders: [{ safeRegex: { regex: '(' } }] } },
      }),
    );
    expect(matcher).toBeInstanceOf(InvalidConfigError);
    expect((matcher as Error).message).toMatch(/^forwardRules\.disallowedHeaders\[0\]: /);
  });

  it('are recognised across copies of the kit, by brand and code', async () => {
    vi.resetModules();
    const other = (await import('./errors.js')) as typeof import('./errors.js');
    expect(other.InvalidConfigError).not.toBe(InvalidConfigError);
    const foreign = new other.InvalidConfigError('from another copy');
    expect(foreign).toBeInstanceOf(InvalidConfigError);
    expect(foreign).toBeInstanceOf(TestKitError);
    expect(foreign).not.toBeInstanceOf(UnsupportedFeatureError);
    expect(new InvalidConfigError('here')).toBeInstanceOf(other.TestKitError);
  });

  it('are not AttacheErrors, and AttacheErrors are not kit errors', () => {
    expect(new InvalidConfigError('x')).not.toBeInstanceOf(AttacheError);
    expect(new AttacheError(ErrorCode.CONFIG_INVALID, 'x')).not.toBeInstanceOf(TestKitError);
    expect(new Error('x')).not.toBeInstanceOf(TestKitError);
    expect(Object.assign(new Error('x'), { code: TestKitErrorCode.INVALID_CONFIG })).not.toBeInstanceOf(
      InvalidConfigError,
    );
  });
});
