/**
 * Imported first by every canister's index.ts, for its side effect: the fast codecs (utf8.ts) replace azle's
 * before any other module of the canister loads. Modules that build a TextEncoder when they load (the queue's
 * limits, say) would otherwise keep azle's, at ~14 000 instructions per byte: 14 B to check a 1 MB prompt.
 */
import { installFastUtf8 } from './utf8.ts';

installFastUtf8();
