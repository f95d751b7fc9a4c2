import { createRequire } from 'node:module';

/** Loads an optional native addon, or says plainly why it is not there. */
export function loadNative<T>(name: string, why: string): T {
  try {
    return createRequire(import.meta.url)(name) as T;
  } catch (err) {
    throw new Error(`${why} needs the npm package ${name}, which is not installed or did not build here (${(err as Error).message.split('\n')[0]}); on the door unit run npm install with a compiler (g++, make, python3) present`, { cause: err });
  }
}
