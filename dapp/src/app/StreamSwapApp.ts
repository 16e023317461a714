import { AppError, CARTESI_V2_2_ADDRESSES, ETHER_TOKEN, MAX_UINT256, type Notice } from '@streamswap/protocol';
import { type Address, type Hex, getAddress, isAddressEqual } from 'viem';
import { Amm } from '../amm/Amm.js';
import { InvariantViolation } from '../InvariantViolation.js';
import { Ledger } from '../ledger/Ledger.js';
import type { SqlDatabase } from '../storage/SqlDatabase.js';
import { stateDigest } from '../storage/stateDigest.js';
import { AppMeta } from './AppMeta.js';
import { type Command, decodeCommand } from './decodeCommand.js';
import { parseErc20Deposit, parseEtherDeposit } from './parseDeposit.js';
import { type Voucher, withdrawalVoucher } from './withdrawalVoucher.js';

export interface AppConfig {
  erc20Portal: Address;
  etherPortal: Address;
}

export const defaultAppConfig: AppConfig = {
  erc20Portal: CARTESI_V2_2_ADDRESSES.erc20Portal,
  etherPortal: CARTESI_V2_2_ADDRESSES.etherPortal,
};

/** The part of an advance request's metadata the app uses. */
export interface InputContext {
  sender: Address;
  timestamp: bigint;
  index: bigint;
}

export interface AdvanceResult {
  notices: Notice[];
  vouchers: Voucher[];
}

const s = (value: bigint) => value.toString();

function encodeOutputs(result: AdvanceResult): string {
  return JSON.stringify({ notices: result.notices, vouchers: result.vouchers.map((v) => ({ ...v, value: s(v.value) })) });
}

function decodeOutputs(json: string): AdvanceResult {
  const parsed = JSON.parse(json) as { notices: Notice[]; vouchers: (Omit<Voucher, 'value'> & { value: string })[] };
  return { notices: parsed.notices, vouchers: parsed.vouchers.map((v) => ({ ...v, value: BigInt(v.value) })) };
}

/**
 * The streamswap application: token ledger + AMM behind the input interface. Each advance runs in
 * one SQLite transaction: it either applies whole and returns its outputs, or throws and changes nothing.
 */
export class StreamSwapApp {
  readonly ledger: Ledger;
  readonly amm: Amm;
  readonly meta: AppMeta;

  constructor(
    readonly db: SqlDatabase,
    readonly config: AppConfig = defaultAppConfig,
  ) {
    this.ledger = new Ledger(db);
    this.amm = new Amm(db, this.ledger);
    this.meta = new AppMeta(db);
  }

  /** The app's current time: the last accepted input's timestamp (0 before any). */
  now(): bigint {
    return this.meta.lastInput()?.timestamp ?? 0n;
  }

  advance(input: InputContext, payload: Hex): AdvanceResult {
    return this.db.transaction(() => {
      const last = this.meta.lastInput();
      // A host-mode restart can deliver again the input whose commit landed just before a crash:
      // answer with the outputs it produced instead of applying it twice.
      if (last !== undefined && input.index <= last.index) {
        if (input.index === last.index) return decodeOutputs(last.outputs);
        throw new InvariantViolation(`Input ${input.index} was already processed (the last one was ${last.index}).`);
      }
      // Block timestamps never decrease on L1; clamp anyway so the ledger's clock can never run backwards.
      const t = last !== undefined && last.timestamp > input.timestamp ? last.timestamp : input.timestamp;
      const result = this.apply(input.sender, payload, t);
      this.meta.record({ index: input.index, timestamp: t, outputs: encodeOutputs(result) });
      return result;
    });
  }

  digest(): Hex {
    return stateDigest(this.db);
  }

  private apply(sender: Address, payload: Hex, t: bigint): AdvanceResult {
    if (isAddressEqual(sender, this.config.erc20Portal)) {
      const deposit = parseErc20Deposit(payload);
      return this.deposit(deposit.token, deposit.sender, deposit.amount, t);
    }
    if (isAddressEqual(sender, this.config.etherPortal)) {
      const deposit = parseEtherDeposit(payload);
      return this.deposit(ETHER_TOKEN, deposit.sender, deposit.amount, t);
    }
    return this.execute(getAddress(sender), decodeCommand(payload), t);
  }

  private deposit(token: Address, account: Address, amount: bigint, t: bigint): AdvanceResult {
    if (amount === 0n) {
      throw new AppError('INVALID_AMOUNT', `A deposit of 0 ${token} credits nothing.`);
    }
    // An in-app token (an LP token) has no L1 contract: a deposit naming its address would mint supply the pool never issued.
    if (!this.ledger.isWithdrawable(token)) {
      throw new AppError(
        'TOKEN_NOT_WITHDRAWABLE',
        `The token ${token} lives only inside the app (an LP token): it cannot be deposited through a portal, nor withdrawn.`,
      );
    }
    // A token contract can report any amount; no balance may ever exceed what a uint256 can carry back to L1.
    if (this.ledger.totalSupply(token) + amount > MAX_UINT256) {
      throw new AppError('VALUE_OUT_OF_RANGE', `A deposit of ${amount} ${token} would take its total supply in the app past 2^256-1.`);
    }
    this.ledger.deposit(token, account, amount, t);
    return { notices: [{ kind: 'deposited', token, account, amount: s(amount) }], vouchers: [] };
  }

  private execute(sender: Address, command: Command, t: bigint): AdvanceResult {
    const one = (notice: Notice, vouchers: Voucher[] = []): AdvanceResult => ({ notices: [notice], vouchers });
    switch (command.functionName) {
      case 'transfer': {
        const [token, to, amount] = command.args;
        this.ledger.transfer(token, sender, to, amount, t);
        return one({ kind: 'transferred', token, from: sender, to, amount: s(amount) });
      }
      case 'stream': {
        const [token, receiver, amount, start, duration] = command.args;
        const streamId = this.ledger.openStream(token, sender, receiver, amount, start, duration, t);
        return one({
          kind: 'streamOpened',
          streamId: s(streamId),
          token,
          sender,
          receiver,
          amount: s(amount),
          start: Number(start === 0n ? t : start),
          duration: Number(duration),
        });
      }
      case 'cancelStream': {
        const [streamId] = command.args;
        const { streamed, refunded } = this.ledger.cancelStream(streamId, sender, t);
        return one({ kind: 'streamCanceled', streamId: s(streamId), streamed: s(streamed), refunded: s(refunded) });
      }
      case 'withdraw': {
        const [token, amount] = command.args;
        this.ledger.withdraw(token, sender, amount, t);
        return one({ kind: 'withdrawn', token, account: sender, amount: s(amount) }, [withdrawalVoucher(token, sender, amount)]);
      }
      case 'addLiquidity': {
        const [tokenA, tokenB, aDesired, bDesired, aMin, bMin] = command.args;
        const r = this.amm.addLiquidity(sender, tokenA, tokenB, aDesired, bDesired, aMin, bMin, t);
        return one({
          kind: 'liquidityAdded',
          provider: sender,
          tokenA,
          tokenB,
          amountA: s(r.amountA),
          amountB: s(r.amountB),
          liquidity: s(r.liquidity),
        });
      }
      case 'removeLiquidity': {
        const [tokenA, tokenB, liquidity, aMin, bMin] = command.args;
        const r = this.amm.removeLiquidity(sender, tokenA, tokenB, liquidity, aMin, bMin, t);
        return one({
          kind: 'liquidityRemoved',
          provider: sender,
          tokenA,
          tokenB,
          amountA: s(r.amountA),
          amountB: s(r.amountB),
          liquidity: s(liquidity),
        });
      }
      case 'swap':
      case 'swapWithLimit': {
        const [tokenIn, tokenOut, amountIn, amountOutMin, start, duration] = command.args;
        const limit = command.functionName === 'swapWithLimit' ? command.args[6] : undefined;
        const r = this.amm.swap(sender, tokenIn, tokenOut, amountIn, amountOutMin, start, duration, t, limit);
        if (r.kind === 'instant') {
          return one({ kind: 'swapped', account: sender, tokenIn, tokenOut, amountIn: s(amountIn), amountOut: s(r.amountOut) });
        }
        return one({
          kind: 'orderPlaced',
          orderId: s(r.orderId),
          owner: sender,
          tokenIn,
          tokenOut,
          amountIn: s(amountIn),
          start: Number(start === 0n ? t : start),
          duration: Number(duration),
        });
      }
      case 'cancelSwap': {
        const [orderId] = command.args;
        const r = this.amm.cancelSwap(orderId, sender, t);
        return one({ kind: 'orderCanceled', orderId: s(orderId), refunded: s(r.refunded), proceeds: s(r.proceeds) });
      }
    }
  }
}
