import { addressBookSchema, type AddressBook } from '@streamswap/protocol';
import { ADDRESSES_URL, DEPLOYMENT } from './env.js';

/**
 * The address book: the one embedded at build time (VITE_ADDRESS_BOOK, a public deployment), else the dev node's
 * GET /addresses. Refused when it is for another chain or application than the build was made for.
 */
export async function loadAddressBook(): Promise<AddressBook> {
  let raw: unknown = DEPLOYMENT.addressBook;
  if (raw === null) {
    const response = await fetch(ADDRESSES_URL);
    if (!response.ok) throw new Error(`GET ${ADDRESSES_URL} answered HTTP ${response.status}.`);
    raw = await response.json();
  }
  const book = addressBookSchema.parse(raw);
  if (book.chainId !== DEPLOYMENT.chainId) {
    throw new Error(`The address book is for chain ${book.chainId}, but this app was built for ${DEPLOYMENT.chainName} (chain ${DEPLOYMENT.chainId}).`);
  }
  const app = DEPLOYMENT.application;
  if (app !== '' && app.toLowerCase() !== book.application.toLowerCase() && app !== book.applicationName) {
    throw new Error(`The address book names application ${book.applicationName} at ${book.application}, but this app was built for ${app}.`);
  }
  return book;
}
