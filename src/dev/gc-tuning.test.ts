import { describe, expect, it } from 'vitest';
import { devV8Flags } from './gc-tuning.js';

describe('devV8Flags', () => {
  it('turns allocation-site pretenuring off by default', () => {
    expect(devV8Flags([], undefined)).toEqual(['--no-allocation-site-pretenuring']);
    expect(devV8Flags(['--enable-source-maps'], '--max-old-space-size=512')).toEqual([
      '--no-allocation-site-pretenuring',
    ]);
  });

  it("keeps the user's own choice, on the command line or in NODE_OPTIONS, either polarity", () => {
    expect(devV8Flags(['--allocation-site-pretenuring'], undefined)).toEqual([]);
    expect(devV8Flags(['--no-allocation-site-pretenuring'], undefined)).toEqual([]);
    expect(devV8Flags([], '--trace-gc --allocation_site_pretenuring')).toEqual([]);
    expect(devV8Flags([], '--no-allocation-site-pretenuring')).toEqual([]);
  });

  it('does not mistake other flags for it', () => {
    expect(devV8Flags(['--allocation-site-pretenuring-extra'], '--site-pretenuring')).toEqual([
      '--no-allocation-site-pretenuring',
    ]);
  });
});
