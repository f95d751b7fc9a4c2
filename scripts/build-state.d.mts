export const root: string;
export const stampFile: string;
export function distIsFresh(): boolean;
export function isFresh(stamp: string, src: string): boolean;
