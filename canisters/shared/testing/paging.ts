import type { Page } from '../domain/paging.ts';
import type { Result } from '../domain/result.ts';

/** The page of a listing's result, for tests; an Err fails the test with its message. */
export function okPage<T>(result: Result<Page<T>>): Page<T> {
  if ('Err' in result) throw new Error(`listing refused: ${JSON.stringify(result.Err)}`);
  return result.Ok;
}
