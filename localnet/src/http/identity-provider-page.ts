/**
 * The dev identity provider's page: plain HTML and script, no build step. It answers the ICRC-29 status
 * heartbeat and ICRC-34 delegation requests of AuthClient 7 (JSON-RPC over postMessage) and the legacy
 * authorize-ready / authorize-client handshake of @dfinity/auth-client 3.x; the signing happens on the server
 * (POST /identity-provider/delegation), so the page holds no key.
 */
import { DEV_PERSONAS } from './identity-provider-keys.ts';

const personas = JSON.stringify(DEV_PERSONAS);

export const IDENTITY_PROVIDER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gatehouse dev identity provider (local only)</title>
<link rel="icon" href="data:,">
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1b1f24; }
  main { max-width: 28rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 12px;
         box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  .warn { background: #fff4ce; border: 1px solid #e0b400; padding: .5rem .75rem; border-radius: 8px; font-size: .9rem; }
  button { font: inherit; padding: .5rem .9rem; border-radius: 8px; border: 1px solid #2457c5; background: #2f6fed;
           color: #fff; cursor: pointer; }
  button.persona { background: #fff; color: #1b1f24; border-color: #c5cbd3; width: 100%; text-align: left; margin: .25rem 0; }
  button:focus-visible, input:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
  input { font: inherit; padding: .45rem .6rem; border: 1px solid #c5cbd3; border-radius: 8px; width: 100%; box-sizing: border-box; }
  .role { color: #57606a; font-size: .85rem; }
  .error { color: #b42318; }
  form { display: grid; gap: .5rem; margin-top: 1rem; }
</style>
</head>
<body>
<main>
  <h1>Dev identity provider</h1>
  <p class="warn" data-tid="local-only"><strong>Local networks only.</strong> Every persona's key is derived from its
    name: anyone can sign in as anyone. Never use it for anything of value.</p>
  <p id="status" data-tid="status">Waiting for the app's request…</p>
  <div id="choose" hidden>
    <p>Sign in to <strong id="origin"></strong> as:</p>
    <div id="personas"></div>
    <form id="custom">
      <label for="name">Or another persona name</label>
      <input id="name" name="name" autocomplete="off" placeholder="e.g. erin" pattern="[a-z0-9][a-z0-9-]{0,31}">
      <button type="submit" data-tid="sign-in-custom">Sign in</button>
    </form>
  </div>
  <p id="error" class="error" role="alert"></p>
</main>
<script>
(() => {
  const PERSONAS = ${personas};
  const NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;
  const local = /^(127\\.0\\.0\\.1|localhost|.+\\.localhost|\\[::1\\])$/.test(location.hostname);
  const $ = (id) => document.getElementById(id);
  if (!local) {
    $('status').textContent = 'Refused: the dev identity provider serves local networks only.';
    return;
  }
  let pending = null;
  const b64ToBytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const bytesToB64 = (b) => btoa(String.fromCharCode(...new Uint8Array(b)));

  function ask(request) {
    pending = request;
    $('origin').textContent = request.origin;
    $('status').textContent = 'Choose who to be.';
    $('choose').hidden = false;
    const first = document.querySelector('button.persona');
    if (first) first.focus();
  }

  async function signIn(persona) {
    if (!pending) return;
    if (!NAME.test(persona)) {
      $('error').textContent = 'A persona name is 1-32 lower-case letters, digits or dashes.';
      return;
    }
    $('error').textContent = '';
    $('status').textContent = 'Signing in as ' + persona + '…';
    const request = pending;
    try {
      const response = await fetch('/identity-provider/delegation', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ persona, sessionPublicKey: request.sessionPublicKey,
          maxTimeToLive: request.maxTimeToLive, targets: request.targets }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      localStorage.setItem('gatehouse-dev-idp-persona', persona);
      if (request.kind === 'icrc34') {
        request.source.postMessage({ jsonrpc: '2.0', id: request.id, result: body }, request.origin);
      } else {
        request.source.postMessage({
          kind: 'authorize-client-success',
          userPublicKey: b64ToBytes(body.publicKey),
          authnMethod: 'passkey',
          delegations: body.signerDelegation.map((d) => ({
            delegation: { pubkey: b64ToBytes(d.delegation.pubkey), expiration: BigInt(d.delegation.expiration) },
            signature: b64ToBytes(d.signature),
          })),
        }, request.origin);
      }
      pending = null;
      $('status').textContent = 'Signed in as ' + persona + '. This window closes.';
      $('choose').hidden = true;
      setTimeout(() => window.close(), 50);
    } catch (error) {
      $('error').textContent = 'Sign-in failed: ' + (error && error.message ? error.message : error);
    }
  }

  for (const p of PERSONAS) {
    const button = document.createElement('button');
    button.className = 'persona';
    button.dataset.tid = 'persona-' + p.name;
    button.innerHTML = '<strong></strong><br><span class="role"></span>';
    button.querySelector('strong').textContent = p.name;
    button.querySelector('.role').textContent = p.role;
    button.addEventListener('click', () => signIn(p.name));
    $('personas').append(button);
  }
  $('name').value = localStorage.getItem('gatehouse-dev-idp-persona') || '';
  $('custom').addEventListener('submit', (e) => { e.preventDefault(); signIn($('name').value.trim()); });

  window.addEventListener('message', (event) => {
    const d = event.data;
    if (!d || typeof d !== 'object' || !event.source) return;
    if (d.jsonrpc === '2.0' && typeof d.method === 'string') {
      const answer = (body) => event.source.postMessage({ jsonrpc: '2.0', id: d.id, ...body }, event.origin);
      if (d.method === 'icrc29_status') return answer({ result: 'ready' });
      if (d.method === 'icrc34_delegation') {
        const p = d.params || {};
        return ask({ kind: 'icrc34', id: d.id, source: event.source, origin: event.origin,
          sessionPublicKey: p.publicKey, maxTimeToLive: p.maxTimeToLive, targets: p.targets });
      }
      // ICRC-25 "not supported": this provider only signs in.
      if (d.id !== undefined) return answer({ error: { code: 2000, message: 'not supported: ' + d.method } });
      return;
    }
    if (d.kind === 'authorize-client' && d.sessionPublicKey) {
      ask({ kind: 'legacy', source: event.source, origin: event.origin,
        sessionPublicKey: bytesToB64(d.sessionPublicKey),
        maxTimeToLive: d.maxTimeToLive === undefined ? undefined : String(d.maxTimeToLive) });
    }
  });
  if (window.opener) window.opener.postMessage({ kind: 'authorize-ready' }, '*');
})();
</script>
</body>
</html>
`;
