export function suiteArgs(suite: string[], filter: string[]): string[];
export function runExitCode(results: Array<{ code: number; total: number }>, filter: string[]): number;
