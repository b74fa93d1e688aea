import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { separateClosingBraces } from './braces.js';

const render = (source: string, context: object): string =>
  Handlebars.compile(separateClosingBraces(source), { noEscape: true })(context);

describe('separateClosingBraces', () => {
  it('lets a mustache close right before literal braces', () => {
    expect(render('{"a":{"b":{{x}}}}', { x: 1 })).toBe('{"a":{"b":1}}');
    expect(render('{"a": {{#if x}}{"b": {{x}}}{{/if}}}', { x: 2 })).toBe('{"a": {"b": 2}}');
  });

  it('leaves triple-stashes, comments, strings with braces and escaped mustaches alone', () => {
    expect(render('{{{x}}}}', { x: 'v' })).toBe('v}');
    expect(render('{{!-- a }}} --}}{{x}}}', { x: 'v' })).toBe('v}');
    expect(render('{{lookup this "}}}"}}}', { '}}}': 'w' })).toBe('w}');
    expect(render('\\{{x}}}', { x: 'v' })).toBe('{{x}}}');
  });

  it('returns templates without }}} unchanged', () => {
    expect(separateClosingBraces('{{x}} }')).toBe('{{x}} }');
  });
});
