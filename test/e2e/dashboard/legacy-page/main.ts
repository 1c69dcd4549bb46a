// A minimal app on @dfinity/auth-client 3.x: logs in with the legacy authorize-client protocol, then makes a
// signed read_state with the delegated identity, which localnet authenticates (a bad chain is a 400).
import { HttpAgent } from '@dfinity/agent';
import { AuthClient } from '@dfinity/auth-client';
import { Principal } from '@dfinity/principal';

const host = new URLSearchParams(location.search).get('host') ?? '';
const out = document.getElementById('out')!;
const client = await AuthClient.create({ idleOptions: { disableIdle: true } });

document.getElementById('login')!.addEventListener('click', () => {
  void client.login({
    identityProvider: `${host}/identity-provider`,
    onSuccess: async () => {
      try {
        const identity = client.getIdentity();
        const agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: true });
        await agent.readState(Principal.fromText('aaaaa-aa'), { paths: [[new TextEncoder().encode('time')]] });
        out.textContent = `signed in as ${identity.getPrincipal().toText()}`;
      } catch (error) {
        out.textContent = `call failed: ${String(error)}`;
      }
    },
    onError: (error) => (out.textContent = `login failed: ${error}`),
  });
});
