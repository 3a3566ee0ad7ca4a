import os from 'node:os';
import type { Machine } from './results.ts';

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    platform: `${os.platform()} ${os.arch()}`,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
