import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envoyApi, TYPES } from './envoy-api.js';
import { StrictReader } from './strict-json.js';

const reader = new StrictReader(envoyApi());
const quickstart = () =>
  parse(readFileSync(new URL('../../examples/quickstart/envoy.yaml', import.meta.url), 'utf8'));

describe('StrictReader', () => {
  it('loads the quick start bootstrap', () => {
    expect(reader.check(TYPES.bootstrap, quickstart())).toEqual([]);
  });
});
