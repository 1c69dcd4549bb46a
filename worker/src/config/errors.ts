/** A command that cannot do what it was asked: the CLI prints its one-line message and exits with `exitCode`. */
export class CommandError extends Error {
  override readonly name: string = 'CommandError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A mistake in the worker's configuration (or an unreachable network): one line, exit code 2. */
export class ConfigError extends CommandError {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super(message, 2);
  }
}
