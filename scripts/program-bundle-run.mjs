/**
 * program-bundle.ts's rebuild rule in plain JS, and running a program from its bundle by that rule, so that npm
 * start's launcher (start-launcher.mjs) decides without tsx's loader: a bundle is up to date when its record lists
 * its files, they are all there, and none of its recorded inputs changed (or went) since it was built.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The record beside a bundle: its inputs' mtimes by path, and its files relative to the bundle's directory. */
export const RECORD = 'inputs.json';

/**
 * @param {string} dir the bundle's directory
 * @param {string[]} entries the program's entry names (dist/<name>.js), so that an entry added since is built
 * @returns {boolean}
 */
export function bundleIsUpToDate(dir, entries) {
  const file = join(dir, RECORD);
  if (!existsSync(file)) return false;
  /** @type {{ inputs?: Record<string, number>; outputs?: string[] }} */
  const record = JSON.parse(readFileSync(file, 'utf8'));
  const { inputs, outputs } = record;
  if (!inputs || !outputs || entries.some((out) => !outputs.includes(`dist/${out}.js`))) return false;
  return (
    outputs.every((f) => existsSync(join(dir, f))) &&
    Object.entries(inputs).every(([f, mtime]) => existsSync(f) && statSync(f).mtimeMs === mtime)
  );
}

/**
 * Runs the entry `entry` of the bundle in `dir` while it is up to date, else `source` (its TypeScript entry, a
 * file path) under tsx's loader, which is then registered in this process.
 * @param {string} dir
 * @param {string} entry
 * @param {string} source
 * @returns {Promise<unknown>}
 */
export async function runBundleOrSource(dir, entry, source) {
  if (bundleIsUpToDate(dir, [entry])) return import(pathToFileURL(join(dir, `dist/${entry}.js`)).href);
  await import('tsx');
  return import(pathToFileURL(source).href);
}
