/** "1 image", "2 images", "1,000 images": a count with its noun, in English. */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? noun : pluralNoun}`;
}
