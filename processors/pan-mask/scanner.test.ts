import { describe, expect, it } from 'vitest';
import { BUCKETS } from './brands.js';
import { type Keep, PanScanner, START_STATE } from './scanner.js';

const config = (over: Partial<{ keep: Keep; brands: number; mask: boolean }> = {}) => ({
  mask: true,
  keep: 'last4' as Keep,
  maskByte: 0x2a,
  brands: 0,
  ...over,
});

/** The whole-buffer result. */
function whole(text: string, scanner = new PanScanner(config())): string {
  const buf = Buffer.from(text, 'utf8');
  scanner.scan(buf, START_STATE, true);
  return (scanner.out ?? buf).toString('utf8');
}

/** The streamed result: `pieces` in order, held bytes put back in front of the next piece. */
function streamed(pieces: Buffer[], scanner = new PanScanner(config())): { text: string; maxHold: number } {
  const out: Buffer[] = [];
  let carried = Buffer.alloc(0);
  let state = START_STATE;
  let maxHold = 0;
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    const chunk = Buffer.concat([carried, piece]);
    scanner.scan(chunk, state, last);
    const result = scanner.out ?? chunk;
    maxHold = Math.max(maxHold, scanner.hold);
    out.push(result.subarray(0, result.length - scanner.hold));
    carried = Buffer.from(result.subarray(result.length - scanner.hold));
    state = scanner.state;
  });
  return { text: Buffer.concat(out).toString('utf8'), maxHold };
}

const bytesOf = (s: string) => Buffer.from(s, 'utf8');
const splitAt = (b: Buffer, cuts: number[]) => {
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of cuts) {
    out.push(b.subarray(prev, c));
    prev = c;
  }
  out.push(b.subarray(prev));
  return out;
};

describe('pan scanner: what is a PAN', () => {
  const cases: [string, string][] = [
    ['4111111111111111', '************1111'],
    ['card 4111 1111 1111 1111 ok', 'card **** **** **** 1111 ok'],
    ['4111-1111-1111-1111', '****-****-****-1111'],
    ['amex 3782 822463 10005.', 'amex **** ****** *0005.'],
    ['{"pan":"5555555555554444","n":4012888888881881}', '{"pan":"************4444","n":************1881}'],
    ['q=4242424242424242&x=1', 'q=************4242&x=1'],
    ['<pan>4000056655665556</pan>', '<pan>************5556</pan>'],
    ['€4111111111111111€', '€************1111€'],
    ['4111111111111111 5555555555554444', '************1111 ************4444'],
    ['12 4111 1111 1111 1111', '12 **** **** **** 1111'],
    ['6205500000000000004', '***************0004'],
    ['4222222222222', '*********2222'],
    ['-4111111111111111', '-************1111'],
    ['4111 1111 1111 1111-', '**** **** **** 1111-'],
    ['diners 3622 720627 1667', 'diners **** ****** 1667'],
    ['pay 4111 1111 1111 1111 2 2', 'pay **** **** **** 1111 2 2'],
    ['card=4111+1111+1111+1111&x=1', 'card=****+****+****+1111&x=1'],
    ['{"note":"line\\n4111 1111 1111 1111\\t"}', '{"note":"line\\n**** **** **** 1111\\t"}'],
  ];
  for (const [input, expected] of cases) {
    it(`masks ${JSON.stringify(input)}`, () => {
      expect(whole(input)).toBe(expected);
    });
  }

  const untouched = [
    '41111111111111111', // 17 digits, Luhn fails
    '24111111111111111', // the PAN is part of a longer digit run (17 digits, Luhn fails)
    '4111111111111111234', // 19 digits, Luhn fails; the 16 inside are part of the run
    '4111111111111112', // Luhn fails
    'ID4111111111111111',
    '4111111111111111abc',
    '0.4111111111111111',
    '4111111111111111.5',
    '+4111111111111111',
    'x\\q4111111111111111', // not a JSON escape: glued to a word
    '1234567890+123456', // not a card layout
    'DE89 3704 0044 0532 0130 00',
    'ab-4111111111111111',
    '4111  1111 1111 1111', // double space
    '4111 1111-1111 1111', // mixed separators
    '411 1111111111111', // first group shorter than 4
    '1733520000004', // 13 digits starting with 1: epoch milliseconds
    '0004111111111111', // leading zero
    '550e8400-e29b-41d4-a716-446655440000',
    '12345678-1234-4123-8123-123456789012', // an all-digit UUID
    '2024-4111111111111111', // a dashed chain
    '4111-1111-1111-1111-2222',
    '41111 11111 111111', // not a card layout
    '',
  ];
  for (const input of untouched) {
    it(`leaves ${JSON.stringify(input)}`, () => {
      expect(whole(input)).toBe(input);
    });
  }

  it('keeps first 6 and last 4 with first6last4, last 4 only on numbers under 16 digits', () => {
    const s = new PanScanner(config({ keep: 'first6last4' }));
    expect(whole('4111 1111 1111 1111', s)).toBe('4111 11** **** 1111');
    expect(whole('378282246310005', s)).toBe('***********0005');
    expect(whole('4111111111111111', new PanScanner(config({ keep: 'none' })))).toBe('****************');
  });

  it('counts by brand and filters by brand', () => {
    const s = new PanScanner(config({ brands: 1 << 2 })); // amex only
    expect(whole('4111111111111111 378282246310005', s)).toBe('4111111111111111 ***********0005');
    expect(s.counts[BUCKETS.indexOf('amex')]).toBe(1);
    expect(s.counts[BUCKETS.indexOf('visa')]).toBe(0);
  });

  it('counts without masking when not asked to mask', () => {
    const s = new PanScanner(config({ mask: false }));
    s.scan(bytesOf('a 4111111111111111 b 6011111111111117'), START_STATE, true);
    expect(s.out).toBeNull();
    expect(s.found).toBe(2);
    expect(s.counts[BUCKETS.indexOf('discover')]).toBe(1);
  });

  it('allocates no output when nothing is found', () => {
    const s = new PanScanner(config());
    s.scan(bytesOf('{"id":12345678901,"ts":"2026-12-06T21:00:00Z"}'.repeat(100)), START_STATE, true);
    expect(s.out).toBeNull();
    expect(s.found).toBe(0);
  });
});

// Every layout, look-alikes around and between, non-ASCII on both sides.
const CORPUS = [
  '{"card":"4111 1111 1111 1111","amt":12.50,"exp":"12/28"}',
  'pay 3782-822463-10005 now; ts=1733520000000 id=550e8400-e29b-41d4-a716-446655440000',
  'é4242424242424242ü 6011000990139424\n5555 5555 5555 4444',
  'x 12345678901234567890123 4111111111111111 +49 1512 3456789 0.4111111111111111',
  '3530111333300000-1 6200000000000005 36227206271667 6759649826438453 2223003122003222',
  '1 2 3 4 5 6 7 8 9 4 1 1 1 4111 1111 1111 1111 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2',
  '4111-1111-1111-1111-abc 4111111111111111.5 4111111111111111. 41111111111111111111111-4111111111111111',
];

describe('pan scanner: streaming equals whole-buffer at every split', () => {
  for (const text of CORPUS) {
    it(`every single and double cut of ${JSON.stringify(text.slice(0, 30))}...`, () => {
      const expected = whole(text);
      const b = bytesOf(text);
      for (let c = 0; c <= b.length; c++) {
        expect(streamed(splitAt(b, [c])).text, `cut ${c}`).toBe(expected);
        for (let d = c; d <= Math.min(b.length, c + 25); d++) {
          expect(streamed(splitAt(b, [c, d])).text, `cuts ${c},${d}`).toBe(expected);
        }
      }
    });
    it(`1-byte chunks of ${JSON.stringify(text.slice(0, 30))}...`, () => {
      const b = bytesOf(text);
      const pieces = [...b].map((x) => Buffer.from([x]));
      const r = streamed(pieces);
      expect(r.text).toBe(whole(text));
      // Only what could still be a number is held: one candidate's groups and separators.
      expect(r.maxHold).toBeLessThanOrEqual(40);
    });
  }

  it('never holds more than 57 bytes, whatever the digits (19 undecided digits and separators, a group being read)', () => {
    const adversarial = `${'1 '.repeat(40)}${'4111 '.repeat(10)}${'9'.repeat(19)} ${'12-'.repeat(30)}4111111111111111`;
    const b = bytesOf(adversarial);
    const r = streamed([...b].map((x) => Buffer.from([x])));
    expect(r.text).toBe(whole(adversarial));
    expect(r.maxHold).toBeLessThanOrEqual(57);
    expect(r.maxHold).toBeGreaterThan(19);
  });

  it('random bodies of digits, separators and look-alike bytes, cut at random offsets', () => {
    // Seeded, so a failure repeats; bodies are built from card numbers and fragments of them.
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const atoms = [
      '4111',
      '1111',
      '5555',
      '4444',
      '4242',
      '3782',
      '822463',
      '10005',
      '0',
      '7',
      ' ',
      '-',
      '+',
      '.',
      'a',
      '\\n',
      '"',
      'é',
      '  ',
    ];
    for (let round = 0; round < 1500; round++) {
      let text = '';
      const len = 5 + rand(30);
      for (let k = 0; k < len; k++) text += atoms[rand(atoms.length)];
      const b = bytesOf(text);
      const cuts = [rand(b.length + 1), rand(b.length + 1), rand(b.length + 1)].sort((x, y) => x - y);
      expect(streamed(splitAt(b, cuts)).text, JSON.stringify({ text, cuts })).toBe(whole(text));
    }
  });

  it('masks a PAN that fills a body exactly and is cut everywhere', () => {
    const b = bytesOf('4111111111111111');
    for (let c = 0; c <= b.length; c++) expect(streamed(splitAt(b, [c])).text).toBe('************1111');
  });
});
