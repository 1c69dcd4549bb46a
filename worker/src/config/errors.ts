/** A mistake in the worker's configuration: the CLI prints its one-line message and exits non-zero. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
