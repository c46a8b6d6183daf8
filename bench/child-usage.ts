/**
 * Preloaded into a measured child (`node --import`): when it exits, writes to the file named by
 * BENCH_USAGE_FILE its peak resident set size (kilobytes) and the CPU time it used
 * (milliseconds, user + system), both from getrusage. CPU time moves less than wall time
 * when other work shares the machine.
 */
import { writeFileSync } from 'node:fs';

const target = process.env['BENCH_USAGE_FILE'];
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
