import { useEffect, useRef, type ReactNode } from 'react';

import { useSession } from '../lib/state/session.tsx';
import { href, useRoute } from '../lib/state/router.ts';
import { PrincipalText } from './principal.tsx';

const NAV = [
  ['proposals', 'Proposals'],
  ['nominations', 'Nominations'],
  ['registry', 'Registry'],
  ['workers', 'Workers'],
  ['llm', 'LLM canister'],
  ['playground', 'Playground'],
] as const;

export function Layout({ current, children }: { current: string; children: ReactNode }) {
  const session = useSession();
  const main = useRef<HTMLElement>(null);
  const path = useRoute().segments.join('/');
  const shown = useRef(path);
  // A keyboard or screen reader user who follows a link to another page lands at its content, not back at the
  // top of the header (a hash route change does not move focus by itself). The first page keeps the default.
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    main.current?.focus(); // which also scrolls the new page's top into view
  }, [path]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href('proposals')}>
          Gatehouse
        </a>
        <nav aria-label="Main">
          {NAV.map(([key, label]) => (
            <a key={key} href={href(key)} aria-current={current === key ? 'page' : undefined} data-tid={`nav-${key}`}>
              {label}
            </a>
          ))}
        </nav>
        <div className="account">
          {session.ctx.config.network === 'local' && <span className="badge warn">local network</span>}
          {session.principal ? (
            <>
              <span data-tid="signed-in-as">
                <PrincipalText value={session.principal} copy />
              </span>
              <button type="button" onClick={session.signOut} data-tid="sign-out">
                Sign out
              </button>
            </>
          ) : (
            <button type="button" onClick={session.signIn} disabled={session.signingIn} data-tid="sign-in">
              {session.signingIn ? 'Signing in…' : 'Sign in'}
            </button>
          )}
        </div>
      </header>
      {session.signInError && (
        <p className="banner error" role="alert">
          {session.signInError}
        </p>
      )}
      <main id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </>
  );
}
