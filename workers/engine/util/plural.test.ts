import { expect, test } from 'vitest';
import { plural } from './plural';

test('one is singular, everything else plural, with thousands separators', () => {
  expect(plural(1, 'image')).toBe('1 image');
  expect(plural(0, 'image')).toBe('0 images');
  expect(plural(2500, 'record')).toBe('2,500 records');
  expect(plural(2, 'datum', 'data')).toBe('2 data');
});
