import { AppError, dappAbi } from '@streamswap/protocol';
import { type DecodeFunctionDataReturnType, type Hex, decodeFunctionData, encodeFunctionData, size, slice, toFunctionSelector } from 'viem';

/** A decoded user input: one call of the app's input ABI. */
export type Command = DecodeFunctionDataReturnType<typeof dappAbi>;

const knownSelectors = new Set(
  dappAbi.filter((item) => item.type === 'function').map((item) => toFunctionSelector(item)),
);

/**
 * Decodes a user input strictly: the payload must be the canonical ABI encoding of one call of
 * `dappAbi`, byte for byte. Re-encoding the decoded call and comparing catches what a lenient
 * decoder lets through: dirty high bytes in an address word, a uint64 word holding more than 64
 * bits, trailing garbage.
 */
export function decodeCommand(payload: Hex): Command {
  if (size(payload) < 4) {
    throw new AppError('MALFORMED_INPUT', `The input is ${size(payload)} bytes long; a call needs at least a 4-byte selector.`);
  }
  const selector = slice(payload, 0, 4);
  if (!knownSelectors.has(selector)) {
    throw new AppError('UNKNOWN_SELECTOR', `The selector ${selector} is not a function of the application's input interface.`);
  }
  let command: Command;
  try {
    command = decodeFunctionData({ abi: dappAbi, data: payload });
  } catch {
    throw new AppError('MALFORMED_INPUT', `The input with selector ${selector} is not a valid ABI encoding of its arguments.`);
  }
  let canonical: Hex;
  try {
    canonical = encodeFunctionData({ abi: dappAbi, functionName: command.functionName, args: command.args } as never);
  } catch {
    throw new AppError('VALUE_OUT_OF_RANGE', `An argument of ${command.functionName} is out of range for its ABI type.`);
  }
  if (canonical.toLowerCase() !== payload.toLowerCase()) {
    throw new AppError(
      'MALFORMED_INPUT',
      `The input for ${command.functionName} is not the canonical ABI encoding (dirty address bytes, an oversized integer or trailing data).`,
    );
  }
  return command;
}
