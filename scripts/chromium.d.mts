export function findChromium(): string | null;
export function chromiumPath(): string;
export const MISSING_CHROMIUM: string;
export const chromiumArgs: string[];
