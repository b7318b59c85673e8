// The foreground mock's stdout: its request log lines leave in one write per
// event-loop turn. Under load many requests finish in the same turn, and on
// this kind of machine a write per line costs more than making the line.
// Lines keep their order; flush() writes what is pending (before the last line).

export interface StdoutLines {
  (line: string): void;
  flush(): void;
}

export function stdoutLines(): StdoutLines {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('\n');
    pending = [];
    // console.log, not stdout.write: a closed pipe (`| head`) must not crash the mock.
    console.log(text);
  };
  const write = (line: string) => {
    pending.push(line);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return Object.assign(write, { flush });
}
