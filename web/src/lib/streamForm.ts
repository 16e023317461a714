import { getAddress, isAddress, type Address } from 'viem';
import { MAX_TIME } from '@streamswap/protocol';
import { checkAmount, type AmountCheck } from './amountField.js';
import { copy } from './copy.js';

export interface StreamFormInput {
  sender: Address | undefined;
  receiver: string;
  amountText: string;
  decimals: number;
  available: bigint | undefined;
  /** 0 for "now" */
  start: bigint;
  duration: bigint;
  /** chain time, seconds */
  now: bigint;
  /** why the custom duration text is not a duration (then `duration` is ignored) */
  durationError?: string | undefined;
}

export interface StreamFormResult {
  amount: AmountCheck;
  errors: { receiver?: string; amount?: string; start?: string; duration?: string };
  /** first error, for the primary button */
  firstError: string | undefined;
  receiver: Address | undefined;
}

/** Inline validation of the create-stream form: the same rules the ledger applies, said before signing. */
export function validateStreamForm(input: StreamFormInput): StreamFormResult {
  const errors: StreamFormResult['errors'] = {};
  let receiver: Address | undefined;
  const text = input.receiver.trim();
  if (text !== '') {
    if (!isAddress(text, { strict: false })) errors.receiver = copy.streams.receiverInvalid;
    else {
      receiver = getAddress(text);
      if (input.sender && receiver === getAddress(input.sender)) errors.receiver = copy.streams.selfStream;
    }
  }
  const amount = checkAmount(input.amountText, input.decimals, input.available);
  if (amount.state === 'invalid' || amount.state === 'insufficient') errors.amount = amount.message;
  if (input.start !== 0n && input.start <= input.now) errors.start = copy.streams.startInPast;
  const begin = input.start === 0n ? input.now : input.start;
  if (input.durationError) errors.duration = input.durationError;
  else if (input.duration <= 0n) errors.duration = copy.streams.durationInvalid;
  else if (begin + input.duration >= MAX_TIME) errors.duration = copy.streams.durationTooLong;
  const missingReceiver = text === '' ? copy.streams.receiverInvalid : undefined;
  const firstError = errors.receiver ?? errors.start ?? errors.duration ?? missingReceiver;
  return { amount, errors, firstError, receiver };
}
