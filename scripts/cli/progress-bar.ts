/** A one-line progress bar with time left on stderr (plain lines when not a TTY, e.g. CI). */
export function progressBar() {
  let lastLine = '';
  let lastPlain = 0;
  const tty = process.stderr.isTTY;
  return {
    update(stage: string, done: number, total: number, secondsLeft: number | null, extra = '') {
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const width = 24;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      const left = secondsLeft === null ? '' : ` ~${formatSeconds(secondsLeft)} left`;
      const line = `${stage.padEnd(38).slice(0, 38)} ${bar} ${(frac * 100).toFixed(0).padStart(3)}%${left}${extra ? `  ${extra}` : ''}`;
      if (tty) {
        if (line !== lastLine) process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
      } else if (Date.now() - lastPlain > 5000 || frac >= 1) {
        process.stderr.write(`${line}\n`);
        lastPlain = Date.now();
      }
      lastLine = line;
    },
    done() {
      if (tty && lastLine) process.stderr.write('\n');
      lastLine = '';
    },
  };
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.round(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}
