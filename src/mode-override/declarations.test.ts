import { describe, expect, it } from 'vitest';
import { describeOverride, overrideKey } from './declarations.js';

describe('overrideKey', () => {
  it('ignores field order and fields set to undefined', () => {
    const a = overrideKey({ requestBody: 'buffered', responseHeaders: 'skip' });
    expect(a).toBeDefined();
    expect(overrideKey({ responseHeaders: 'skip', requestBody: 'buffered' })).toBe(a);
    expect(overrideKey({ responseHeaders: 'skip', requestBody: 'buffered', responseBody: undefined })).toBe(
      a,
    );
    expect(overrideKey({})).toBe('');
    expect(overrideKey({ requestBody: 'streamed' })).not.toBe(overrideKey({ requestBody: 'buffered' }));
  });

  it('is undefined for anything that is not a mode override', () => {
    for (const bad of [
      null,
      'buffered',
      [],
      { requestBody: 'BUFFERED' },
      { requestbody: 'buffered' },
      { responseHeaders: 1 },
    ]) {
      expect(overrideKey(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

describe('describeOverride', () => {
  it('writes the override as source text', () => {
    expect(describeOverride({ requestBody: 'buffered', responseTrailers: 'send' })).toBe(
      "{ requestBody: 'buffered', responseTrailers: 'send' }",
    );
    expect(describeOverride({})).toBe('{}');
  });
});
