/**
 * How bare names, blocks over fields and helper names read the parsed body: the compile options
 * that make rendering fast (every helper known, bare names compiled as lookups) must not change
 * what a template means.
 */
import { describe, expect, it } from 'vitest';
import { MODES, run } from '../../test/support/transform-exchange.js';

const body = {
  user: { name: 'Ann', tags: ['a', 'b'] },
  items: [{ sku: 's1' }, { sku: 's2' }],
  empty: [],
  zero: 0,
  body: 'field-named-body',
  header: 'field-named-header',
};

async function renderBody(template: string, missing: 'empty' | 'error' = 'empty') {
  const r = await run(
    { request: { body: { parseAs: 'json', value: template } }, missing, onError: 'reject' },
    {
      envoy: { processingMode: MODES.BUFFERED },
      request: { method: 'POST', headers: { 'x-h': 'hv' }, body: JSON.stringify(body) },
    },
  );
  expect(r.violations).toEqual([]);
  return r.upstream === null ? `rejected ${r.downstream.status}` : r.upstream.body.toString();
}

describe('transform: fields and blocks', () => {
  it('bare names and paths read fields; missing ones render empty', async () => {
    expect(
      await renderBody('{{user.name}}|{{items.1.sku}}|{{user.tags.length}}|{{nope}}|{{user.nope.x}}'),
    ).toBe('Ann|s2|2||');
  });

  it('a block over a field: an object is its context, a list iterates, empty takes else', async () => {
    expect(await renderBody('{{#user}}{{name}}{{/user}}')).toBe('Ann');
    expect(await renderBody('{{#items}}[{{sku}}]{{/items}}')).toBe('[s1][s2]');
    expect(await renderBody('{{#empty}}x{{else}}none{{/empty}}')).toBe('none');
    expect(await renderBody('{{#nope}}x{{else}}none{{/nope}}')).toBe('none');
  });

  it('helpers win over fields of the same name; this.name and json reach the field', async () => {
    expect(await renderBody('{{header "x-h"}}|{{this.header}}|{{json "body"}}|{{this.body}}')).toBe(
      'hv|field-named-header|field-named-body|field-named-body',
    );
  });

  it('each with @index, @first, @last, @key, block params, ../ and @root', async () => {
    expect(
      await renderBody(
        '{{#each items as |it i|}}{{i}}{{it.sku}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}{{../user.name}}{{@root.zero}};{{/each}}',
      ),
    ).toBe('0s1FAnn0;1s2LAnn0;');
    expect(await renderBody('{{#each user}}{{@key}}={{@index}} {{/each}}')).toBe('name=0 tags=1 ');
    expect(await renderBody('{{#each empty}}x{{else}}none{{/each}}')).toBe('none');
  });

  it('if treats 0 and [] as empty unless includeZero; unless is its inverse', async () => {
    expect(await renderBody('{{#if zero}}y{{else}}n{{/if}}{{#if zero includeZero=true}}y{{/if}}')).toBe('ny');
    expect(await renderBody('{{#if empty}}y{{else}}n{{/if}}{{#unless empty}}u{{/unless}}')).toBe('nu');
  });

  it('missing: error makes a missing field a failure, in a path and in a block', async () => {
    expect(await renderBody('{{user.name}}', 'error')).toBe('Ann');
    expect(await renderBody('{{nope}}', 'error')).toBe('rejected 400');
    expect(await renderBody('{{user.nope}}', 'error')).toBe('rejected 400');
  });
});
