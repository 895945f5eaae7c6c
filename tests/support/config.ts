import { expect } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

/** Start-up with this environment must stop with a ConfigError that names `variable`. */
export function expectConfigError(env: Record<string, string>, variable: string): void {
  try {
    loadConfig(env);
    expect.fail('should have thrown');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(variable);
  }
}
