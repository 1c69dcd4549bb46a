/** A readable reason from whatever azle's `call` threw (CallRejected objects carry rejectCode/rejectMessage). */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'rejectMessage' in error) {
    const e = error as { rejectCode?: number; rejectMessage: string };
    return `reject code ${e.rejectCode ?? '?'}: ${e.rejectMessage}`;
  }
  try {
    return JSON.stringify(error, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  } catch {
    return String(error);
  }
}
