import { describe, expect, it } from 'vitest';
import { commandOf, parseCli } from './args';

const commandFor = (line: string) => {
  const { values, positionals } = parseCli(line.split(' ').filter(Boolean));
  return commandOf(positionals, values);
};

describe('commandOf', () => {
  it('takes the subcommand when there is one', () => {
    expect(commandFor('train --model linear')).toBe('train');
    expect(commandFor('run --config x.json')).toBe('run');
  });
  it('runs the experiment when only --config is given', () => {
    expect(commandFor('--config x.json --out r.json')).toBe('run');
  });
  it('asks for usage on nothing or an unknown subcommand', () => {
    expect(commandFor('')).toBeUndefined();
    expect(commandFor('--model mlp')).toBeUndefined();
    expect(commandFor('score --config x.json')).toBeUndefined();
    expect(commandFor('evaluate --unlearned u.npy')).toBe('evaluate');
  });
});
