import { MemoryStore } from '../../shared/domain/memory-store.ts';
import { thresholds } from './criticality.ts';
import type { GovernanceStores } from './stores.ts';
import type { ProposalData } from './types.ts';

/** Test fixtures for the domain. */
export function testProposal(overrides: Partial<ProposalData> = {}): ProposalData {
  return {
    id: 1n,
    action: 1n,
    proposer: '01'.repeat(32),
    proposal: { title: 't', summary: '', url: '', action: { Motion: { motion_text: 'm' } } },
    topic: 'Governance',
    payload_text_rendering: 'r',
    ballots: [],
    latest_tally: { yes: 0n, no: 0n, total: 0n, timestamp_seconds: 0n },
    reject_cost_e8s: 0n,
    proposal_creation_timestamp_seconds: 0n,
    initial_voting_period_seconds: 345_600n,
    wait_for_quiet_deadline_increase_seconds: 86_400n,
    current_deadline_timestamp_seconds: 345_600n,
    ...thresholds(false),
    decided_timestamp_seconds: 0n,
    executed_timestamp_seconds: 0n,
    failed_timestamp_seconds: 0n,
    ...overrides,
  };
}

export function memoryStores(): GovernanceStores {
  return {
    config: new MemoryStore(),
    counters: new MemoryStore(),
    neurons: new MemoryStore(),
    proposals: new MemoryStore(),
    functions: new MemoryStore(),
    wasms: new MemoryStore(),
  };
}

/** A 32-byte neuron id (hex) filled with one byte. */
export const neuronId = (byte: number): string => byte.toString(16).padStart(2, '0').repeat(32);
