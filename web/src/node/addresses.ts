export { loadAddressBook as fetchAddressBook } from '../config/addressBook.js';
