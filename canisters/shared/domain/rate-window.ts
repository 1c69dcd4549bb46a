import { callerIsSignedIn, type Denial } from './guards.ts';
import type { PrincipalText } from './principal.ts';
import { limitExceeded } from './result.ts';

/**
 * A budget of calls per caller and in total within a fixed time window, for methods anyone may call but
 * that cost the canister work (heap only: an upgrade starts a fresh window). At most `overall` callers
 * are counted, so it stays small.
 */
export class RateWindow {
  private start = 0n;
  private total = 0;
  private readonly counts = new Map<PrincipalText, number>();

  constructor(
    private readonly perCaller: number,
    private readonly overall: number,
    private readonly windowNs: bigint,
  ) {}

  /** Takes one call for `caller` at `now`; Err LimitExceeded once the window's budget is spent. */
  take(caller: PrincipalText, now: bigint): Denial {
    if (now - this.start >= this.windowNs) {
      this.start = now;
      this.total = 0;
      this.counts.clear();
    }
    const mine = this.counts.get(caller) ?? 0;
    if (mine >= this.perCaller || this.total >= this.overall) {
      const seconds = (this.start + this.windowNs - now + 999_999_999n) / 1_000_000_000n;
      return limitExceeded(`too many calls of this method; try again in ${seconds} s`);
    }
    this.counts.set(caller, mine + 1);
    this.total += 1;
    return undefined;
  }
}

/** Validators a proposal preview may call, per caller and in total, per minute (governance is not counted). */
export const validatorWindow = () => new RateWindow(10, 100, 60_000_000_000n);

/**
 * Who a validator answers: SNS governance always (it validates while a proposal is made); anyone else
 * signed in within the window's budget (e.g. a CLI previewing a payload), so strangers cannot make the
 * canister work without bound.
 */
export function validatorCaller(
  caller: PrincipalText,
  governance: PrincipalText,
  window: RateWindow,
  now: bigint,
): Denial {
  if (caller === governance) return undefined;
  return callerIsSignedIn(caller, 'ask a validator') ?? window.take(caller, now);
}
