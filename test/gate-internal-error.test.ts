/** A bug in one check becomes one finding at that command, never a crash or a stack trace. */
import { describe, expect, it, vi } from 'vitest';
import { gateConfig } from './helpers/gate-config.ts';

vi.mock('../src/gate/resolvers/registry.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/gate/resolvers/registry.ts')>();
  return {
    ...real,
    resolveCommand: (command: Parameters<typeof real.resolveCommand>[0], context: Parameters<typeof real.resolveCommand>[1]) => {
      if (command.text.includes('verify-m053-s03')) throw new Error('resolver exploded');
      return real.resolveCommand(command, context);
    },
  };
});

const { runGate } = await import('../src/gate/run.ts');
const { projectRoot } = await import('./helpers/site-fixture.ts');

describe('gate robustness', () => {
  it('turns a crashing check into a gate-internal finding and checks everything else', async () => {
    const result = await runGate(gateConfig({ siteRoot: projectRoot, env: {} }));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'gate-internal', subject: 'bash scripts/verify-m053-s03.sh', position: { file: 'src/data/rails.yaml' } });
    expect(errors[0]!.message).toContain('resolver exploded');
    expect(result.verifiedRails).not.toContain('m053-s03');
    expect(result.verifiedRails).toContain('m053-s02');
  });
});
