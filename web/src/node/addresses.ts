import { addressBookSchema, type AddressBook } from '@streamswap/protocol';
import { ADDRESSES_URL } from '../config/env.js';

export async function fetchAddressBook(): Promise<AddressBook> {
  const response = await fetch(ADDRESSES_URL);
  if (!response.ok) throw new Error(`GET ${ADDRESSES_URL} answered HTTP ${response.status}.`);
  return addressBookSchema.parse(await response.json());
}
