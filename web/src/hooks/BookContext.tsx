import { createContext, useContext } from 'react';
import type { AddressBook } from '@streamswap/protocol';

export const BookContext = createContext<AddressBook | null>(null);

/** The address book of the running node; screens render only once it is known. */
export function useBook(): AddressBook {
  const book = useContext(BookContext);
  if (!book) throw new Error('useBook() was called outside <BookContext.Provider>.');
  return book;
}
