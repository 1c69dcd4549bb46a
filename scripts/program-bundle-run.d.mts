/** Types of program-bundle-run.mjs (plain JS, for npm start's launcher). */
export declare const RECORD: string;
export declare function bundleIsUpToDate(dir: string, entries: string[]): boolean;
export declare function runBundleOrSource(dir: string, entry: string, source: string): Promise<unknown>;
