export function composeServiceEnv(file?: string): Record<string, { env: string[]; port: number }>;
export const COMPOSE_FILE: string;
