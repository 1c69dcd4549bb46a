/**
 * End to end through real agents over HTTP: localnet in-process behind its IC HTTP interface, the project
 * deployed with localnet's deploy code WITHOUT pre-registered functions and three genesis neurons of equal
 * stake (alice — also the genesis node provider —, bob, carol). The CLI's functions drive everything.
 */
import { join } from 'node:path';

import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { FUNCTIONS, functionByKey } from '@gatehouse/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { idlFactory as snsGovernanceIdl, type SnsGovernanceService } from '../../canisters/sns_governance/interface.ts';
import { parseCommandLine, type ParsedCommand } from '../src/args.ts';
import { nominate } from '../src/commands/nominate.ts';
import { propose } from '../src/commands/propose.ts';
import { registerFunctions } from '../src/commands/register-functions.ts';
import { renderPayload, renderProposal } from '../src/commands/render.ts';
import { vote } from '../src/commands/vote.ts';
import { runCli, sessionFor } from '../src/main.ts';
import type { Session } from '../src/session.ts';
import { capture, deployedProject, writePem } from './support.ts';

const identity = (n: number) => Ed25519KeyIdentity.generate(new Uint8Array(32).fill(n));
const DAY_MS = 86_400_000;

describe('proposals CLI against localnet over HTTP', () => {
  const alice = identity(41);
  const bob = identity(42);
  const carol = identity(43);
  const eve = identity(44); // no neuron
  const dave = identity(45); // the candidate
  let project: Awaited<ReturnType<typeof deployedProject>>;
  let ids: Record<string, Principal>;
  let dir: string;
  const pems: Record<string, string> = {};
  const lines: string[] = [];
  let queueParamsProposal = 0n;

  const base = () => ['--host', project.server.url, '--env-file', join(dir, '.env')];
  /** A session as the CLI would make it for `argv`, printing into `lines`. */
  const session = (who: string, argv: string[] = ['list']): { parsed: ParsedCommand; s: Session } => {
    const parsed = parseCommandLine([...argv, ...base(), '--identity', pems[who]!]) as ParsedCommand;
    return { parsed, s: sessionFor(parsed, { out: (l) => void lines.push(l), env: {} }) };
  };
  const cli = async (who: string, argv: string[]) => {
    const { out, err, io } = capture();
    const code = await runCli([...argv, ...base(), '--identity', pems[who]!], io);
    return { code, out, err };
  };
  const governance = () => session('alice').s.sns();

  beforeAll(async () => {
    project = await deployedProject('proposals-e2e-', {
      neuronOwners: [alice, bob, carol].map((i) => i.getPrincipal()),
      nodeProviders: [{ id: alice.getPrincipal(), display_name: 'Alice NP' }],
      registerFunctions: false,
    });
    ({ ids, dir } = project);
    for (const [name, id] of Object.entries({ alice, bob, carol, eve })) pems[name] = writePem(dir, name, id);
  }, 300_000);
  afterAll(() => project?.close());

  it('before registration: a proposal for a manifest function is refused as an unknown function', async () => {
    const r = await cli('alice', [
      'propose',
      'suspend-contributor',
      '--payload',
      JSON.stringify({ contributor: dave.getPrincipal().toText(), reason: 'x' }),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'proposals: unknown function: There is no NervousSystemFunction with id: 1001; register it first (npm run proposals -- register-functions)',
    ]);
  });

  it('register-functions --dry-run prints one proposal per function and sends none', async () => {
    const r = await cli('alice', ['register-functions', '--dry-run']);
    expect(r.err).toEqual([]);
    expect(r.out.filter((l) => l.includes('would be proposed (dry run)'))).toHaveLength(FUNCTIONS.length);
    expect(r.out.filter((l) => l.includes('AddGenericNervousSystemFunction'))).toHaveLength(FUNCTIONS.length);
    expect((await (await governance()).listProposals({ certified: false })).proposals).toEqual([]);
  });

  it('register-functions proposes each function; 2 of 3 yes is not enough early for a critical topic, 3 of 3 adopts', async () => {
    const { s } = session('alice');
    const results = await registerFunctions(s);
    expect(results.map((r) => r.state)).toEqual(FUNCTIONS.map(() => 'proposed'));
    const proposalOf = new Map(results.map((r) => [r.fn.key, r.state === 'proposed' ? r.proposalId : -1n]));
    queueParamsProposal = proposalOf.get('set-queue-params')!;
    // Asked again while they are open: nothing new.
    expect((await registerFunctions(s)).map((r) => r.state)).toEqual(FUNCTIONS.map(() => 'pending'));

    for (const id of proposalOf.values()) await vote(session('bob', ['vote']).s, `${id}`, 'yes');
    const sns = await governance();
    for (const id of proposalOf.values()) {
      const p = await sns.getProposal({ proposalId: { id }, certified: false });
      expect(Object.keys(p.topic[0]!)).toEqual(['CriticalDappOperations']);
      expect(p.decided_timestamp_seconds).toBe(0n); // 66.67 % < 67 %
    }
    // carol's votes decide all but set-queue-params, which is left to its deadline (last test).
    for (const [key, id] of proposalOf)
      if (key !== 'set-queue-params') expect((await cli('carol', ['vote', `${id}`, 'yes'])).code).toBe(0);
    const { functions } = await sns.listNervousSystemFunctions({ certified: false });
    const generic = functions.filter((f) => f.id >= 1000n);
    expect(generic.map((f) => f.id)).toEqual(FUNCTIONS.filter((f) => f.key !== 'set-queue-params').map((f) => f.id));
    const suspend = generic.find((f) => f.id === 1001n)!.function_type[0]!;
    expect(suspend).toEqual({
      GenericNervousSystemFunction: {
        topic: [{ ApplicationBusinessLogic: null }],
        target_canister_id: [ids.registry],
        target_method_name: ['suspend_contributor'],
        validator_canister_id: [ids.registry],
        validator_method_name: ['validate_suspend_contributor'],
      },
    });
    const states = (await registerFunctions(session('alice').s)).map((r) => `${r.fn.key}:${r.state}`);
    expect(states).toEqual(FUNCTIONS.map((f) => `${f.key}:${f.key === 'set-queue-params' ? 'pending' : 'registered'}`));
  }, 240_000); // ten proposals and twenty votes over HTTP, each a few rounds: minutes on a loaded machine

  it('nominate → proposal with the validator rendering → vote adopts → executed → contributor Active', async () => {
    const { parsed, s } = session('alice', [
      'nominate',
      '--candidate',
      dave.getPrincipal().toText(),
      '--name',
      'Dave',
      '--motivation',
      'Two idle RTX 4090s in Lisbon',
      '--model',
      'tiny-chat',
      '--gpu',
      'RTX 4090',
      '--vram-gib',
      '24',
      '--ram-gib',
      '64',
      '--cpu-cores',
      '16',
      '--region',
      'eu-west',
    ]);
    const { nominationId, proposalId } = await nominate(s, parsed.nominate);
    expect(nominationId).toBeDefined();
    expect(proposalId).toBeDefined();
    const invitation = await s.canister('invitation');
    const nomination = await invitation.getNomination({ nominationId: nominationId! });
    expect(nomination?.proposal_id).toBe(proposalId);
    expect(nomination?.status).toEqual({ Open: null });

    lines.length = 0;
    const shown = await renderProposal(s, `${proposalId}`);
    expect(lines[0]).toBe(`proposal ${proposalId}: Admit Dave as a Gatehouse contributor`);
    expect(lines[1]).toMatch(
      /^ {2}status open, topic ApplicationBusinessLogic, yes 33\.33 %, no 0\.00 % of \d+ voting power, deadline /,
    );
    expect(lines[2]).toBe(`  payload: admit-contributor record {nomination_id=${nominationId}}`);
    const rendering = shown.payload_text_rendering[0]!;
    expect(rendering).toContain('# Proposal to execute nervous system function:');
    expect(rendering).toContain(`target: ${ids.invitation!.toText()}.admit`);
    expect(rendering).toContain('## Payload:');
    expect(rendering).toContain(dave.getPrincipal().toText()); // the validator's text names the candidate
    expect(lines.join('\n')).toContain(rendering);

    const voted = await cli('bob', ['vote', `${proposalId}`, 'yes']);
    expect(voted).toMatchObject({ code: 0, err: [] });
    const p = await (await governance()).getProposal({ proposalId: { id: proposalId! }, certified: true });
    expect(p.executed_timestamp_seconds).toBeGreaterThan(0n);
    expect(p.failed_timestamp_seconds).toBe(0n);

    const listed = await cli('alice', ['list', '--status', 'executed', '--limit', '50']);
    expect(listed.out.join('\n')).toContain(
      `proposal ${proposalId}: Admit Dave as a Gatehouse contributor\n  status executed, topic ApplicationBusinessLogic, yes 66.67 %, no 0.00 % of `,
    );
    expect(listed.out).toContain(`  payload: admit-contributor (payload not listed: render ${proposalId})`);

    const contributor = await (await s.canister('registry')).getContributor({ contributor: dave.getPrincipal() });
    expect(contributor).toMatchObject({
      display_name: 'Dave',
      status: { Active: null },
      proposal_id: proposalId,
      models: ['tiny-chat'],
    });
    expect(contributor?.sponsor.toText()).toBe(alice.getPrincipal().toText());
    const admitted = await invitation.getNomination({ nominationId: nominationId! });
    expect(admitted?.status).toEqual({ Admitted: null });
  });

  it('render asks a validator without proposing; its Err is shown', async () => {
    const { s } = session('eve', ['render']);
    lines.length = 0;
    const answer = await renderPayload(
      s,
      'suspend-contributor',
      JSON.stringify({ contributor: dave.getPrincipal().toText(), reason: 'missed heartbeats' }),
    );
    expect(answer).toMatchObject({ valid: true, text: expect.stringContaining('Dave') });
    const refused = await renderPayload(
      s,
      'reinstate-contributor',
      JSON.stringify({ contributor: dave.getPrincipal().toText(), reason: 'r' }),
    );
    expect(refused.valid).toBe(false);
    expect(lines.some((l) => l.startsWith('registry.validate_reinstate_contributor: Err'))).toBe(true);
  });

  it('propose suspend-contributor: governance renders it with the validator, 2 of 3 yes executes it', async () => {
    const { s } = session('alice', ['propose']);
    const id = await propose(
      s,
      'suspend-contributor',
      JSON.stringify({ contributor: dave.getPrincipal().toText(), reason: 'missed heartbeats' }),
    );
    const shown = await renderProposal(s, `${id}`);
    expect(shown.payload_text_rendering[0]).toContain('missed heartbeats');
    await vote(session('carol', ['vote']).s, `${id}`, 'yes');
    const contributor = await (await s.canister('registry')).getContributor({ contributor: dave.getPrincipal() });
    expect(contributor?.status).toEqual({ Suspended: null });
    expect(contributor?.status_reason).toBe('missed heartbeats');
  });

  it('clear one-line errors: no neuron, a neuron that does not exist, a neuron of someone else', async () => {
    expect((await cli('eve', ['vote', '1', 'yes'])).err).toEqual([
      `proposals: no neuron: ${eve.getPrincipal().toText()} controls no neuron in SNS governance ${ids.sns_governance!.toText()}; pass --neuron <id hex> or another --identity`,
    ]);
    const missing = await cli('alice', ['vote', '1', 'yes', '--neuron', '00'.repeat(32)]);
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual([
      `proposals: neuron not found in SNS governance (No neuron for given NeuronId: ${'00'.repeat(32)})`,
    ]);
    const [bobNeuron] = await session('bob').s.neuronsOf(bob.getPrincipal());
    const foreign = await cli('eve', [
      'vote',
      '1',
      'yes',
      '--neuron',
      Buffer.from(bobNeuron!.id[0]!.id).toString('hex'),
    ]);
    expect(foreign.err[0]).toMatch(/^proposals: the identity may not use this neuron: Caller '.*' is not authorized/);
  });

  it('a critical proposal with 2 of 3 yes is adopted at its 5-day deadline', async () => {
    const fn = functionByKey('set-queue-params')!;
    const before = project.net.actor<SnsGovernanceService>(ids.sns_governance!, snsGovernanceIdl);
    expect((await before.list_nervous_system_functions()).functions.map((f) => f.id)).not.toContain(fn.id);
    await project.net.advanceTime(5 * DAY_MS + 1_000); // the deadline timer decides: 2/3 of votes cast, all yes
    expect((await before.list_nervous_system_functions()).functions.map((f) => f.id)).toContain(fn.id);
    // Read through the programmatic API: HttpAgents refuse a replica whose clock is 5 days ahead of theirs.
    const { result } = await before.get_proposal({ proposal_id: [{ id: queueParamsProposal }] });
    const decided = result[0] && 'Proposal' in result[0] ? result[0].Proposal : undefined;
    expect(decided?.latest_tally[0]).toMatchObject({ no: 0n });
    expect(decided!.latest_tally[0]!.yes * 3n).toBeLessThan(decided!.latest_tally[0]!.total * 2n + 3n); // 2 of 3 voted
    expect(decided?.executed_timestamp_seconds).toBeGreaterThan(0n);
  }, 120_000);
});
