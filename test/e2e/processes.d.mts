// Types of processes.mjs, a plain module shared by the Mocha suite (TypeScript) and the Playwright runner.
export function processInfo(pid: number): { state: string; ppid: number; cmd: string };
export function alive(pid: number): boolean;
