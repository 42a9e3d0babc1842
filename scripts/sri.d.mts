export function sri(content: Uint8Array | string): string;
export function hashes(distDir?: string): { file: string; integrity: string }[];
export function docsPage(distDir?: string): string;
export const DOCS_PAGE: string;
