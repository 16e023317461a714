import { z } from 'zod';
import { addressSchema, hexSchema } from './schemas.js';

export const tokenInfoSchema = z.object({
  address: addressSchema,
  symbol: z.string(),
  name: z.string(),
  decimals: z.number().int().min(0).max(36),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

/**
 * The one address book: written by the deployment, served by the node at `GET /addresses`,
 * read by the back-end (portal addresses), the web app and the tests.
 */
export const addressBookSchema = z.object({
  chainId: z.number().int(),
  applicationName: z.string(),
  application: addressSchema,
  authority: addressSchema,
  authorityOwner: addressSchema,
  epochLength: z.number().int().positive(),
  templateHash: hexSchema,
  deploymentBlock: z.number().int().nonnegative(),
  inputBox: addressSchema,
  etherPortal: addressSchema,
  erc20Portal: addressSchema,
  erc721Portal: addressSchema,
  erc1155SinglePortal: addressSchema,
  erc1155BatchPortal: addressSchema,
  authorityFactory: addressSchema,
  applicationFactory: addressSchema,
  selfHostedApplicationFactory: addressSchema,
  safeErc20Transfer: addressSchema,
  /** The test tokens deployed on the local chain (empty on a real network). */
  tokens: z.array(tokenInfoSchema),
});
export type AddressBook = z.infer<typeof addressBookSchema>;
