#!/usr/bin/env node
// Writes the pan-mask corpus: true-positives.tsv (public test card numbers of every brand in
// every layout) and look-alikes.tsv (numbers that are not card numbers). Deterministic: run it
// again and the files do not change. Usage: node processors/pan-mask/corpus/generate.mjs
import { writeFileSync } from 'node:fs';

const here = new URL('.', import.meta.url);

// Publicly documented test card numbers (payment providers' test-mode numbers).
const CARDS = {
  visa: ['4111111111111111', '4242424242424242', '4012888888881881', '4000056655665556', '4222222222222'],
  mastercard: ['5555555555554444', '5105105105105100', '2223003122003222', '5200828282828210'],
  amex: ['378282246310005', '371449635398431', '340000000000009'],
  discover: ['6011111111111117', '6011000990139424', '6011981111111113'],
  jcb: ['3530111333300000', '3566002020360505'],
  unionpay: ['6200000000000005', '6205500000000000004'],
  diners: ['36227206271667', '30569309025904', '3056930009020004'],
  maestro: ['6759649826438453', '6799990100000000019', '5018000000000009', '6304000000000000'],
};

const GROUPS = {
  12: [4, 4, 4],
  13: [4, 4, 5],
  14: [4, 6, 4],
  15: [4, 6, 5],
  16: [4, 4, 4, 4],
  19: [4, 4, 4, 4, 3],
};
function grouped(pan, sep) {
  const sizes = GROUPS[pan.length];
  const out = [];
  let at = 0;
  for (const n of sizes) {
    out.push(pan.slice(at, at + n));
    at += n;
  }
  return out.join(sep);
}

const WRITTEN = { plain: (p) => p, spaced: (p) => grouped(p, ' '), dashed: (p) => grouped(p, '-') };
const CONTEXTS = {
  'json-string': (w) => `{"order":"A-17","card":"${w}","amount":12.5}`,
  'json-number': (w, layout) => (layout === 'plain' ? `{"order":17,"card":${w},"amount":12.5}` : null),
  // A form encodes a space as `+`.
  form: (w) => `amount=12.50&card=${w.replaceAll(' ', '+')}&cvc=123`,
  'json-escaped-text': (w) => `{"note":"Karte:\\n${w}\\tdanke"}`,
  query: (w, layout) => (layout === 'plain' ? `/pay?card=${w}&currency=EUR` : null),
  xml: (w) => `<payment><card>${w}</card><amount>12.50</amount></payment>`,
  text: (w) => `Bitte belasten Sie die Karte ${w} mit 12,50 € – merci, 谢谢.`,
  multipart: (w) => `--b\r\nContent-Disposition: form-data; name="card"\r\n\r\n${w}\r\n--b--\r\n`,
};

const positives = ['# brand\tlayout\tcontext\tbody\tthe number as written'];
for (const [brand, pans] of Object.entries(CARDS)) {
  for (const pan of pans) {
    for (const [layout, write] of Object.entries(WRITTEN)) {
      for (const [context, wrap] of Object.entries(CONTEXTS)) {
        const body = wrap(write(pan), layout);
        if (body !== null)
          positives.push([brand, layout, context, JSON.stringify(body), write(pan)].join('\t'));
      }
    }
  }
}

// A small fixed-seed generator, so the look-alikes are the same on every run.
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const luhnOk = (s) => {
  let t = 0;
  for (let i = s.length - 1, odd = false; i >= 0; i--, odd = !odd) {
    let d = Number(s[i]);
    if (odd) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    t += d;
  }
  return t % 10 === 0;
};

const looks = ['# kind\tbody'];
const add = (kind, body) => looks.push(`${kind}\t${JSON.stringify(body)}`);
for (let i = 0; i < 40; i++) {
  const ms = 1_700_000_000_000 + Math.floor(rand() * 100_000_000_000);
  add('timestamp', `{"ts":${ms},"us":${ms}${digits(3)},"ns":"${ms}${digits(6)}"}`);
  add(
    'timestamp',
    `{"at":"2026-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}T21:55:4${i % 10}.${digits(6)}Z"}`,
  );
  add('timestamp', `logged 2026-12-06 21:55:${String(i % 60).padStart(2, '0')}.${digits(3)} +0100`);
}
for (let i = 0; i < 40; i++) {
  add('phone', `{"phone":"+49 15${digits(2)} ${digits(7)}"}`);
  add('phone', `call +1 (${digits(3)}) ${digits(3)}-${digits(4)} or +44 20 ${digits(4)} ${digits(4)}`);
  add('phone', `tel=%2B33${digits(9)}&alt=0049${digits(11)}`);
}
const IBANS = [
  'DE89 3704 0044 0532 0130 00',
  'DE89370400440532013000',
  'GB29 NWBK 6016 1331 9268 19',
  'GB29NWBK60161331926819',
  'FR14 2004 1010 0505 0001 3M02 606',
  'NL91ABNA0417164300',
  'CH93 0076 2011 6238 5295 7',
  'AT61 1904 3002 3457 3201',
  'BE68 5390 0754 7034',
  'ES91 2100 0418 4502 0005 1332',
];
for (const iban of IBANS) {
  add('iban', `{"iban":"${iban}"}`);
  add('iban', `Überweisung an IBAN ${iban}, BIC COBADEFFXXX`);
}
for (let i = 0; i < 40; i++) {
  // UUIDs, some with long all-digit groups (the hard case).
  const tail = i % 2 === 0 ? digits(12) : hex(12);
  add('uuid', `{"id":"${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${tail}"}`);
  add('uuid', `/orders/${digits(8)}-${digits(4)}-4${digits(3)}-8${digits(3)}-${digits(12)}`);
}
for (let i = 0; i < 40; i++) {
  add('order-id', `{"order":"ORD-2026-${digits(12)}"}`);
  add('order-id', `Order #A${digits(14)} shipped`);
  add('order-id', `invoice INV${digits(16)}`);
  // Bare numeric ids of card length: Luhn passes one in ten at random, so with `brands` unset some
  // are taken for cards. Kept here so the README's false-positive figure shows that cost.
  add('order-id-bare-numeric', `{"orderId":${2 + Math.floor(rand() * 8)}${digits(11 + (i % 4))}}`);
}
for (let i = 0; i < 40; i++) {
  add(
    'float',
    `{"amount":${digits(14)}.${digits(2)},"rate":0.${digits(17)},"x":-${digits(3)}.${digits(16)}e+12}`,
  );
}
for (let i = 0; i < 60; i++) {
  // Long ids failing Luhn, of every length 12-19, bare and in JSON.
  let id;
  do id = `${1 + Math.floor(rand() * 9)}${digits(11 + (i % 8))}`;
  while (luhnOk(id));
  add('long-id-luhn-fails', i % 2 ? `{"id":${id}}` : `ref ${id} ok`);
  add('long-id-too-long', `{"trace":"${digits(20 + (i % 12))}"}`);
}

writeFileSync(new URL('true-positives.tsv', here), `${positives.join('\n')}\n`);
writeFileSync(new URL('look-alikes.tsv', here), `${looks.join('\n')}\n`);
process.stdout.write(`${positives.length - 1} true positives, ${looks.length - 1} look-alikes\n`);
