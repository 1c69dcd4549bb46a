// Worker entry: registers tsx so the TypeScript engine loads in this thread, then starts it.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
