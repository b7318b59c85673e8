// Loaded with `node --import` into a child process: on exit, writes the
// process's peak resident set size (getrusage's maxrss, in bytes) to the file
// named by PEAK_RSS_FILE. The same figure `/usr/bin/time -v` prints, on any OS.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE) writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
