// Kubernetes quantities: the canonical text kubectl prints, exact sums,
// values rounded up, and properties over generated quantities checked against
// plain big-integer arithmetic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Quantity } from '../../../src/core/units';

describe('Quantity', () => {
  it('prints the canonical form kubectl prints', () => {
    const cases: [string, string][] = [
      ['1000m', '1'],
      ['0.5', '500m'],
      ['1024Ki', '1Mi'],
      ['1.5Gi', '1536Mi'],
      ['2000', '2k'],
      ['1e3', '1e3'],
      ['95551679124', '95551679124'],
      ['1023Ki', '1023Ki'],
      ['0.0001', '100u'],
      ['0', '0'],
    ];
    for (const [input, expected] of cases) assert.equal(Quantity.canonical(input), expected, input);
  });

  it('prints a binary value that is no multiple of 1024 as plain digits, as kubectl does', () => {
    assert.equal(Quantity.canonical('83447309218.75Ki'), '85450044640000');
    assert.equal(Quantity.canonical('85450044640000'), '85450044640k', 'the same digits read as a decimal value');
    assert.equal(Quantity.canonical('1.5Ki'), '1536');
  });

  it('adds exactly and keeps the first non-zero format', () => {
    assert.equal(Quantity.of('2Gi').add(Quantity.of('512Mi')).add(Quantity.of('512Mi')).toString(), '3Gi');
    assert.equal(Quantity.of('500m').add(Quantity.of('1500m')).toString(), '2');
    assert.equal(Quantity.ZERO.add(Quantity.of('1Ki')).add(Quantity.of('1Ki')).toString(), '2Ki');
    assert.equal(Quantity.of('1Ki').add(Quantity.of('1024')).toString(), '2Ki');
    assert.equal(Quantity.of('1024').add(Quantity.of('1Ki')).toString(), '2048');
    assert.equal(Quantity.of('3920m').milliValue(), 3920);
  });

  it('rounds anything finer than a nano-unit up to one, away from zero', () => {
    assert.equal(Quantity.canonical('0.0000000001'), '1n');
    assert.equal(Quantity.canonical('-0.0000000001'), '-1n');
    assert.equal(Quantity.canonical('1e-12'), '1e-9');
  });

  it('reads whole units and thousandths rounded up', () => {
    assert.equal(Quantity.of('1.5').value(), 2);
    assert.equal(Quantity.of('1n').milliValue(), 1);
    assert.equal(Quantity.of('2k').value(), 2000);
    assert.equal(Quantity.of('3E').value(), 3e18, 'E is exa, not an exponent');
    assert.equal(Quantity.canonical('3E'), '3E');
  });

  it('reads numbers as their text, and nothing else', () => {
    assert.equal(Quantity.parse(0.25)?.toString(), '250m');
    for (const bad of ['', '.', 'abc', '1e', '1.5K', '5 Mi', undefined, null, {}, true]) assert.equal(Quantity.parse(bad), undefined, String(bad));
    assert.equal(Quantity.of('abc').isZero(), true);
    assert.equal(Quantity.canonical('abc'), 'abc');
    assert.equal(Quantity.canonical(undefined), '');
  });

  it('compares by value, whatever the suffix', () => {
    assert.equal(Quantity.of('1Ki').compare(Quantity.of('1024')), 0);
    assert.equal(Quantity.of('999m').compare(Quantity.of('1')), -1);
    assert.equal(Quantity.of('1G').compare(Quantity.of('1Gi')), -1);
    assert.equal(Quantity.of('-1').compare(Quantity.ZERO), -1);
  });
});

const MULTIPLIERS: Record<string, [bigint, bigint]> = {
  '': [1n, 1n],
  n: [1n, 10n ** 9n],
  u: [1n, 10n ** 6n],
  m: [1n, 1000n],
  k: [1000n, 1n],
  M: [10n ** 6n, 1n],
  G: [10n ** 9n, 1n],
  T: [10n ** 12n, 1n],
  P: [10n ** 15n, 1n],
  E: [10n ** 18n, 1n],
  Ki: [1024n, 1n],
  Mi: [1024n ** 2n, 1n],
  Gi: [1024n ** 3n, 1n],
  Ti: [1024n ** 4n, 1n],
  e2: [100n, 1n],
  'e-3': [1n, 1000n],
  e7: [10n ** 7n, 1n],
};

/** A quantity's text and its exact value as a fraction (numerator, denominator). */
const quantityText = fc
  .record({
    negative: fc.boolean(),
    whole: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 6 }),
    suffix: fc.constantFrom(...Object.keys(MULTIPLIERS)),
  })
  .map(({ negative, whole, fraction, suffix }) => {
    const [times, per] = MULTIPLIERS[suffix];
    const magnitude = BigInt(`${whole}${fraction}`) * times;
    return {
      text: `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}${suffix}`,
      numerator: negative ? -magnitude : magnitude,
      denominator: 10n ** BigInt(fraction.length) * per,
    };
  });

const ceilDiv = (a: bigint, b: bigint) => (a > 0n ? (a + b - 1n) / b : a / b);

describe('Quantity properties', () => {
  // The canonical text keeps the value, not always the format: a binary value
  // that is no multiple of 1024 prints as plain digits, which read back as a
  // decimal value (see the case above). From the second reading on, the text is fixed.
  it('reads its canonical text back as the same value, and that text is canonical from the second reading on', () => {
    fc.assert(
      fc.property(quantityText, ({ text }) => {
        const q = Quantity.parse(text);
        assert.ok(q, text);
        const canonical = q.toString();
        const again = Quantity.parse(canonical);
        assert.ok(again, canonical);
        assert.equal(again.compare(q), 0, `${text} -> ${canonical}`);
        const second = again.toString();
        if (second !== canonical) assert.match(canonical, /^-?\d+$/, `${text} -> ${canonical} -> ${second}: only plain digits may change format`);
        assert.equal(Quantity.parse(second)!.toString(), second, `${text} -> ${canonical} -> ${second}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives whole units and thousandths rounded up, exactly, for values no finer than a nano-unit', () => {
    const coarse = quantityText.filter(({ numerator, denominator }) => (numerator * 10n ** 9n) % denominator === 0n && numerator >= 0n);
    fc.assert(
      fc.property(coarse, ({ text, numerator, denominator }) => {
        const q = Quantity.parse(text)!;
        assert.equal(q.value(), Number(ceilDiv(numerator, denominator)), text);
        assert.equal(q.milliValue(), Number(ceilDiv(numerator * 1000n, denominator)), text);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds and compares as exact fractions do', () => {
    fc.assert(
      fc.property(quantityText, quantityText, (a, b) => {
        const qa = Quantity.parse(a.text)!;
        const qb = Quantity.parse(b.text)!;
        const difference = a.numerator * b.denominator - b.numerator * a.denominator;
        const nanoExact = (x: { numerator: bigint; denominator: bigint }) => (x.numerator * 10n ** 9n) % x.denominator === 0n;
        if (nanoExact(a) && nanoExact(b)) assert.equal(qa.compare(qb), difference < 0n ? -1 : difference > 0n ? 1 : 0);
        assert.equal(qa.add(qb).compare(qb.add(qa)), 0);
        assert.equal(qa.add(qb).compare(qa), qb.compare(Quantity.ZERO));
      }),
      { numRuns: 2000 },
    );
  });
});
