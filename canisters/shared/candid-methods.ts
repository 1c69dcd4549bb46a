import { IDL, msgArgData, msgReply, query as azleQuery, update as azleUpdate } from 'azle';

import { argsDecoder } from './candid-args.ts';
import { replyEncoder } from './candid-reply.ts';

type Options = { manual?: boolean; hidden?: boolean; composite?: boolean };
type Method = (this: unknown, ...args: never[]) => unknown;
type Decorator = (method: Method, context: ClassMethodDecoratorContext) => void;
type AzleDecorator = (params: IDL.Type[], ret?: IDL.Type, options?: Options) => Decorator;

/**
 * azle's decorator, with the argument decoded by argsDecoder and the reply encoded by replyEncoder: the same
 * values and bytes as azle's IDL.decode and IDL.encode, without their per-call work on the types. The method is
 * registered as manual, so both happen here, with azle's error texts; a method that is manual already is
 * azle's alone.
 */
function withFastCandid(decorate: AzleDecorator, params: IDL.Type[], ret: IDL.Type | undefined, options: Options) {
  if (options.manual === true) return decorate(params, ret, options);
  const decode = argsDecoder(params);
  const encode = replyEncoder(ret);
  const reply = (value: unknown): void => {
    let bytes: Uint8Array;
    try {
      bytes = encode(value);
    } catch (error) {
      throw new Error(`Failed to encode Candid arguments: ${error}`, { cause: error });
    }
    msgReply(bytes);
  };
  return (method: Method, context: ClassMethodDecoratorContext): void => {
    const replying = function (this: unknown): unknown {
      let args: unknown[];
      try {
        args = decode(msgArgData());
      } catch (error) {
        throw new Error(`Failed to decode Candid bytes: ${error}`, { cause: error });
      }
      const result = method.apply(this, args as never[]);
      return result instanceof Promise ? result.then(reply) : reply(result);
    };
    decorate(params, ret, { ...options, manual: true })(replying, context);
  };
}

export const query = (params: IDL.Type[], ret?: IDL.Type, options: Options = {}) =>
  withFastCandid(azleQuery as AzleDecorator, params, ret, options);

export const update = (params: IDL.Type[], ret?: IDL.Type, options: Options = {}) =>
  withFastCandid(azleUpdate as AzleDecorator, params, ret, options);
