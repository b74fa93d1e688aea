import { describe, expect, it } from 'vitest';
import { AttacheError } from '../errors.js';
import { closeModeFlag } from './close-mode.js';

describe('--close', () => {
  it('dev auto: reset only for the http2 transport on a Node that raises the reset limit, graceful otherwise', () => {
    expect(closeModeFlag('auto', 'dev', { transport: 'http2', nodeHasResetRateOptions: true })).toBe('reset');
    expect(closeModeFlag('auto', 'dev', { transport: 'http2', nodeHasResetRateOptions: false })).toBe(
      'graceful',
    );
    expect(closeModeFlag('auto', 'dev', { transport: 'grpc-js', nodeHasResetRateOptions: true })).toBe(
      'graceful',
    );
    expect(closeModeFlag('auto', 'dev', { transport: 'grpc-js', nodeHasResetRateOptions: false })).toBe(
      'graceful',
    );
  });

  it('dev auto: reset for the wire transport on every Node (it has no reset limiter)', () => {
    expect(closeModeFlag('auto', 'dev', { transport: 'wire', nodeHasResetRateOptions: false })).toBe('reset');
    expect(closeModeFlag('auto', 'dev', { transport: 'wire', nodeHasResetRateOptions: true })).toBe('reset');
  });

  it('an explicit mode stands whatever the server (case-insensitive)', () => {
    expect(closeModeFlag('RESET', 'dev', { transport: 'grpc-js', nodeHasResetRateOptions: false })).toBe(
      'reset',
    );
    expect(closeModeFlag('graceful', 'dev', { transport: 'http2', nodeHasResetRateOptions: true })).toBe(
      'graceful',
    );
    expect(closeModeFlag('reset', 'send')).toBe('reset');
    expect(closeModeFlag('graceful', 'send')).toBe('graceful');
  });

  it('refuses an unknown mode, and auto for send (whose server it cannot see), naming the flag and the choices', () => {
    expect(() => closeModeFlag('rst', 'dev')).toThrow(AttacheError);
    expect(() => closeModeFlag('rst', 'dev')).toThrow(
      'dev: --close must be one of auto|reset|graceful, got "rst"',
    );
    expect(() => closeModeFlag('auto', 'send')).toThrow(
      'send: --close must be one of reset|graceful, got "auto"',
    );
  });
});
