import { describe, expect, it } from 'vitest';

import { parseExecuteRendering } from './rendering.utils.ts';

const SHA = 'ab'.repeat(32);
// The layout SNS governance records for a generic function call (validate_and_render_execute_…).
const execute = (fnLines: string, payload: string) =>
  `# Proposal to execute nervous system function:\n\n## Nervous system function:\n\n${fnLines}\n\n` +
  `## Payload sha256: \n\n${SHA}\n\n## Payload:\n\n${payload}`;
const FN = [
  'id: 1001',
  'name: "Admit contributor \\"beta\\""',
  'description: None',
  'topic: CriticalDappOperations',
  'target: rrkah-fqaaa-aaaaa-aaaaq-cai.admit',
  'validator: rrkah-fqaaa-aaaaa-aaaaq-cai.validate_admit',
].join('\n');

describe('parseExecuteRendering', () => {
  it('splits the function, the payload hash and the validator text', () => {
    const payload = 'Admit nomination 1: "E\\_rin".\nMotivation:\n> Runs \\*\\*tiny\\*\\*\n>\n> ## not a heading';
    expect(parseExecuteRendering(execute(FN, payload))).toEqual({
      fn: {
        id: '1001',
        name: 'Admit contributor "beta"',
        description: undefined,
        topic: 'CriticalDappOperations',
        target: { canister: 'rrkah-fqaaa-aaaaa-aaaaq-cai', method: 'admit' },
        validator: { canister: 'rrkah-fqaaa-aaaaa-aaaaq-cai', method: 'validate_admit' },
      },
      payloadSha256: SHA,
      payload,
    });
  });

  it('reads a description given as a JSON string', () => {
    const fn = FN.replace('description: None', 'description: "Admits a nominated contributor."');
    expect(parseExecuteRendering(execute(fn, 'x'))?.fn.description).toBe('Admits a nominated contributor.');
  });

  it('leaves other layouts unparsed (motions, a rendering missing its target, a bad hash)', () => {
    expect(parseExecuteRendering('# Motion Proposal:\n## Motion Text:\n\nhello')).toBeUndefined();
    expect(parseExecuteRendering(execute(FN.replace(/target: .*\n/, ''), 'x'))).toBeUndefined();
    expect(parseExecuteRendering(execute(FN, 'x').replace(SHA, 'nothex'))).toBeUndefined();
  });
});
