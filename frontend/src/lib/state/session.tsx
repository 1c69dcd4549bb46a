/** Who the user is: the config, the AuthClient session, and the Ctx every service call takes. */
import { AnonymousIdentity, type Identity } from '@icp-sdk/core/agent';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import type { AppConfig } from '../config.ts';
import { restoreSession, signIn as authSignIn, signOut as authSignOut } from '../services/auth.services.ts';
import type { Ctx } from '../services/context.ts';
import { errorMessage } from '../services/errors.services.ts';

export interface Session {
  ctx: Ctx;
  principal: string | undefined;
  signingIn: boolean;
  signInError: string | undefined;
  signIn: () => void;
  signOut: () => void;
}

const SessionContext = createContext<Session | undefined>(undefined);
const anonymous = new AnonymousIdentity();

export function SessionProvider(props: { config: AppConfig; children: ReactNode }) {
  const [identity, setIdentity] = useState<Identity | undefined>();
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<string>();
  const { config } = props;

  useEffect(() => {
    let stale = false;
    // After the first render: the landing page shows proposals without waiting for IndexedDB.
    restoreSession(config).then(
      (restored) => !stale && restored && setIdentity(restored),
      () => undefined, // no earlier session to restore: stay signed out
    );
    return () => {
      stale = true;
    };
  }, [config]);

  const signIn = useCallback(() => {
    setSigningIn(true);
    setSignInError(undefined);
    // Called straight from the click handler: AuthClient opens the identity provider's window.
    // No await before this call: the browser lets a window open only within the click's user activation.
    authSignIn(config).then(
      (id) => {
        setIdentity(id);
        setSigningIn(false);
      },
      (error: unknown) => {
        setSignInError(`Sign-in did not complete: ${errorMessage(error)}`);
        setSigningIn(false);
      },
    );
  }, [config]);

  const signOut = useCallback(() => {
    void authSignOut(config).finally(() => setIdentity(undefined));
  }, [config]);

  const value = useMemo<Session>(() => {
    const current = identity ?? anonymous;
    return {
      ctx: { config, identity: current, signedIn: identity !== undefined },
      principal: identity?.getPrincipal().toText(),
      signingIn,
      signInError,
      signIn,
      signOut,
    };
  }, [config, identity, signingIn, signInError, signIn, signOut]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
